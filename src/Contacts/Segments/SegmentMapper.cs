using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Segments;

/// <summary>Maps segments between storage and the API; rules are stored as the API message's protobuf JSON.</summary>
public static class SegmentMapper
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    public static string ToJson(Api.SegmentRules rules) => Formatter.Format(rules);

    public static Api.SegmentRules RulesOf(SegmentRecord segment) => Api.SegmentRules.Parser.ParseJson(segment.RulesJson);

    public static Api.Segment ToApi(this SegmentRecord segment, int memberCount)
    {
        var api = new Api.Segment
        {
            Id = segment.Id.ToString(),
            Name = segment.Name,
            Description = segment.Description ?? "",
            Rules = RulesOf(segment),
            MemberCount = memberCount,
            Version = segment.Version,
            CreateTime = Timestamp.FromDateTime(segment.CreatedAt),
            UpdateTime = Timestamp.FromDateTime(segment.UpdatedAt),
        };
        if (segment.EvaluatedAt is { } evaluated)
        {
            api.EvaluateTime = Timestamp.FromDateTime(evaluated);
        }
        return api;
    }
}
