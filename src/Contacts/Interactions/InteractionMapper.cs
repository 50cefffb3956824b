using Google.Protobuf.WellKnownTypes;
using Lifecycle.Contacts.Lifecycle;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Interactions;

/// <summary>Maps interactions between the API and storage; the stored kind is the name the stage rules know.</summary>
public static class InteractionMapper
{
    private static readonly Dictionary<Api.InteractionType, string> Kinds = new()
    {
        [Api.InteractionType.PageView] = InteractionKinds.PageView,
        [Api.InteractionType.ContentDownload] = InteractionKinds.ContentDownload,
        [Api.InteractionType.NewsletterSignup] = InteractionKinds.NewsletterSignup,
        [Api.InteractionType.SupportTicket] = InteractionKinds.SupportTicket,
        [Api.InteractionType.Review] = InteractionKinds.Review,
        [Api.InteractionType.Nps] = InteractionKinds.Nps,
        [Api.InteractionType.Custom] = InteractionKinds.Custom,
    };

    private static readonly Dictionary<string, Api.InteractionType> Types = Kinds.ToDictionary(p => p.Value, p => p.Key);

    public static string? KindOf(Api.InteractionType type) => Kinds.GetValueOrDefault(type);

    /// <summary>The kind published in InteractionRecorded: custom touchpoints carry their name so consumers can tell them apart.</summary>
    public static string EventKind(InteractionRecord record) =>
        record.Kind == InteractionKinds.Custom ? $"{InteractionKinds.Custom}:{record.CustomType}" : record.Kind;

    public static Api.Interaction ToApi(this InteractionRecord record)
    {
        var api = new Api.Interaction
        {
            Id = record.Id.ToString(),
            ContactId = record.ContactId.ToString(),
            Type = Types.GetValueOrDefault(record.Kind, Api.InteractionType.Unspecified),
            CustomType = record.CustomType ?? "",
            Detail = record.Detail ?? "",
            OccurTime = Timestamp.FromDateTime(record.OccurredAt),
            RecordTime = Timestamp.FromDateTime(record.RecordedAt),
        };
        if (record.Score is { } score)
        {
            api.Score = score;
        }
        return api;
    }
}
