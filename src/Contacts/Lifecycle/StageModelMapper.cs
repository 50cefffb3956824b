using Lifecycle.Grpc.RichErrors;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Lifecycle;

/// <summary>Stage model ↔ API; reading an API model also rejects rules without a trigger.</summary>
public static class StageModelMapper
{
    public static Api.StageModel ToApi(this StageModel model, long version)
    {
        var api = new Api.StageModel { InitialStage = model.InitialStage, Version = version };
        api.Stages.AddRange(model.Stages.Select(s => new Api.Stage { Id = s.Id, DisplayName = s.DisplayName }));
        api.Transitions.AddRange(model.Transitions.Select(t => new Api.StageTransitionRule { FromStage = t.From, ToStage = t.To }));
        api.Rules.AddRange(model.Rules.Select(r => new Api.StageRule
        {
            Id = r.Id,
            Trigger = (Api.RuleTrigger)(int)r.Trigger,
            FromStages = { r.FromStages },
            ToStage = r.ToStage,
            InactiveDays = r.InactiveDays,
        }));
        return api;
    }

    public static StageModel FromApi(Api.StageModel? api, BadRequestBuilder errors)
    {
        if (api is null)
        {
            errors.AddViolation("model", "is required");
            return new StageModel([], "", [], []);
        }
        for (var i = 0; i < api.Rules.Count; i++)
        {
            errors.AddViolationIf(!Enum.IsDefined((RuleTrigger)(int)api.Rules[i].Trigger), $"model.rules[{i}].trigger", "must be a known trigger");
        }
        return new StageModel(
            api.Stages.Select(s => new StageDefinition(s.Id, s.DisplayName.Length > 0 ? s.DisplayName : s.Id)).ToList(),
            api.InitialStage,
            api.Transitions.Select(t => new AllowedTransition(t.FromStage, t.ToStage)).ToList(),
            api.Rules.Select(r => new StageRule(r.Id, (RuleTrigger)(int)r.Trigger, r.FromStages.ToList(), r.ToStage, r.InactiveDays)).ToList());
    }

    public static Api.StageTransition ToApi(this StageTransitionRecord t) => new()
    {
        Id = t.Id.ToString(),
        ContactId = t.ContactId.ToString(),
        FromStage = t.FromStage ?? "",
        ToStage = t.ToStage,
        Reason = t.Reason,
        RuleId = t.RuleId ?? "",
        Actor = t.Actor ?? "",
        TriggerEventId = t.TriggerEventId?.ToString() ?? "",
        OccurTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(t.OccurredAt),
        WinBack = t.WinBack,
    };
}
