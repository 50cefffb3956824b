using Lifecycle.Contacts.Lifecycle;

namespace Lifecycle.Contacts.Tests.Lifecycle;

public sealed class StageModelValidatorTests
{
    private static readonly StageModel Default = DefaultStageModel.Create();

    [Fact]
    public void The_default_model_is_valid() => Assert.Empty(StageModelValidator.Validate(Default));

    [Fact]
    public void A_stage_no_transition_leads_to_is_unreachable()
    {
        var model = Default with { Stages = [.. Default.Stages, new StageDefinition("vip", "VIP")] };

        Assert.Contains(StageModelValidator.Validate(model), p => p.Description.Contains("'vip' cannot be reached", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rule_to_an_unknown_stage_is_dangling()
    {
        var model = Default with { Rules = [.. Default.Rules, new StageRule("ghost", RuleTrigger.CartOrQuote, [StageIds.Awareness], "limbo")] };

        Assert.Contains(StageModelValidator.Validate(model), p => p.Field == "model.rules[8].to_stage");
    }

    [Fact]
    public void A_rule_whose_move_is_not_an_allowed_transition_is_dangling()
    {
        var model = Default with { Rules = [.. Default.Rules, new StageRule("skip", RuleTrigger.CartOrQuote, [StageIds.Churned], StageIds.Advocacy)] };

        Assert.Contains(StageModelValidator.Validate(model), p => p.Field == "model.rules[8]");
    }

    [Fact]
    public void Unknown_initial_stage_duplicate_ids_and_inactivity_without_days_are_rejected()
    {
        var model = Default with
        {
            InitialStage = "nowhere",
            Stages = [.. Default.Stages, new StageDefinition(StageIds.Purchase, "again")],
            Rules = [new StageRule("idle", RuleTrigger.Inactivity, [StageIds.Purchase], StageIds.AtRisk)],
        };

        var fields = StageModelValidator.Validate(model).Select(p => p.Field).ToList();

        Assert.Contains("model.initial_stage", fields);
        Assert.Contains("model.stages", fields);
        Assert.Contains("model.rules[0].inactive_days", fields);
    }
}
