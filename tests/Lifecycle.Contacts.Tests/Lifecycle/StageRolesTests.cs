using Lifecycle.Contacts.Lifecycle;

namespace Lifecycle.Contacts.Tests.Lifecycle;

public class StageRolesTests
{
    [Fact]
    public void The_default_model_has_purchase_at_risk_and_churned()
    {
        var roles = StageRoles.Of(DefaultStageModel.Create());

        Assert.Equal(["purchase"], roles.PurchaseStages);
        Assert.Equal(["at_risk"], roles.AtRiskStages);
        Assert.Equal("churned", roles.ChurnedStage);
        Assert.Equal(["at_risk", "churned"], roles.LapsedStages);
    }

    [Fact]
    public void Roles_come_from_the_rules_whatever_the_stages_are_called()
    {
        var model = new StageModel(
            [new("lead", "Lead"), new("buyer", "Buyer"), new("gone", "Gone"), new("cooling", "Cooling"), new("cold", "Cold")],
            "lead",
            [],
            [
                new("gone", RuleTrigger.Inactivity, [], "gone", 365),
                new("cooling", RuleTrigger.Inactivity, [], "cooling", 30),
                new("cold", RuleTrigger.Inactivity, [], "cold", 90),
                new("bought", RuleTrigger.FirstPaidOrder, ["lead"], "buyer"),
            ]);

        var roles = StageRoles.Of(model);

        Assert.Equal(["buyer"], roles.PurchaseStages);
        Assert.Equal(["cooling", "cold"], roles.AtRiskStages);
        Assert.Equal("gone", roles.ChurnedStage);
    }

    [Fact]
    public void A_single_inactivity_rule_ends_the_relationship_and_no_rule_means_no_churn()
    {
        var stages = new List<StageDefinition> { new("lead", "Lead"), new("dormant", "Dormant") };
        var single = StageRoles.Of(new StageModel(stages, "lead", [], [new("dormant", RuleTrigger.Inactivity, [], "dormant", 120)]));
        var none = StageRoles.Of(new StageModel(stages, "lead", [], []));

        Assert.Equal("dormant", single.ChurnedStage);
        Assert.Empty(single.AtRiskStages);
        Assert.Null(none.ChurnedStage);
        Assert.Empty(none.LapsedStages);
        Assert.Empty(none.PurchaseStages);
    }
}
