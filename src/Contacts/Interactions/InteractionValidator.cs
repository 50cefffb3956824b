using System.Text.RegularExpressions;
using Lifecycle.Grpc.RichErrors;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Interactions;

/// <summary>Field checks of RecordInteraction; every problem becomes one field violation.</summary>
public static partial class InteractionValidator
{
    /// <summary>Clients' clocks drift; a little future is tolerated, more is a bug that would postpone inactivity windows.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static void Validate(Api.RecordInteractionRequest request, DateTime now)
    {
        var input = request.Interaction ?? new Api.Interaction();
        var isCustom = input.Type == Api.InteractionType.Custom;
        var isNps = input.Type == Api.InteractionType.Nps;
        RpcExceptions.BadRequest()
            .AddViolationIf(request.RequestId.Length > FieldLimits.RequestId, "request_id", "must be at most 64 characters")
            .AddViolationIf(!Guid.TryParse(input.ContactId, out _), "interaction.contact_id", "must be a contact id (UUID)")
            .AddViolationIf(InteractionMapper.KindOf(input.Type) is null, "interaction.type", "is required")
            .AddViolationIf(isCustom && !CustomTypePattern().IsMatch(input.CustomType), "interaction.custom_type", "is required for custom interactions: [a-z0-9_], at most 64 characters")
            .AddViolationIf(!isCustom && input.CustomType.Length > 0, "interaction.custom_type", "is only for custom interactions")
            .AddViolationIf(isNps && input.Score is < 0 or > 10, "interaction.score", "must be between 0 and 10")
            .AddViolationIf(isNps && !input.HasScore, "interaction.score", "is required for NPS interactions")
            .AddViolationIf(!isNps && input.HasScore, "interaction.score", "is only for NPS interactions")
            .AddViolationIf(input.Detail.Length > FieldLimits.LongText, "interaction.detail", "must be at most 1000 characters")
            .AddViolationIf(input.OccurTime is { } at && at.ToDateTime() > now + MaxClockSkew, "interaction.occur_time", "must not be in the future")
            .ThrowIfAny();
    }

    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial Regex CustomTypePattern();
}
