using Lifecycle.Contacts.Lifecycle;
using Lifecycle.Grpc.RichErrors;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Segments;

/// <summary>Validates the fields of an API segment that a request sets (all on create, the masked ones on update).</summary>
public static class SegmentValidator
{
    public const string Name = "name";
    public const string Description = "description";
    public const string Rules = "rules";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Name, Description, Rules };

    public static void Validate(Api.Segment segment, IReadOnlySet<string> paths, StageModel model, BadRequestBuilder errors)
    {
        if (paths.Contains(Name))
        {
            errors.AddViolationIf(segment.Name.Trim().Length == 0, "segment.name", "is required")
                .AddViolationIf(segment.Name.Length > FieldLimits.ShortText, "segment.name", $"must be at most {FieldLimits.ShortText} characters");
        }
        if (paths.Contains(Description))
        {
            errors.AddViolationIf(segment.Description.Length > FieldLimits.LongText, "segment.description", $"must be at most {FieldLimits.LongText} characters");
        }
        if (paths.Contains(Rules))
        {
            SegmentRuleValidator.Validate(segment.Rules, "segment.rules", model, errors);
        }
    }
}
