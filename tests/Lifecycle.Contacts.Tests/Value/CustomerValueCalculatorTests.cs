using Lifecycle.Contacts.Lifecycle;
using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contacts.Value;

namespace Lifecycle.Contacts.Tests.Value;

public sealed class CustomerValueCalculatorTests
{
    private static readonly DateTime Now = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly CustomerValueCalculator calculator = new(new ManualTimeProvider(new DateTimeOffset(Now)));

    [Theory]
    [InlineData(10, 5)]
    [InlineData(30, 5)]
    [InlineData(31, 4)]
    [InlineData(90, 4)]
    [InlineData(180, 3)]
    [InlineData(365, 2)]
    [InlineData(366, 1)]
    public void Recency_follows_the_documented_day_thresholds(int daysAgo, int expected) =>
        Assert.Equal(expected, Score(Customer(lastPurchaseDaysAgo: daysAgo)).Recency);

    [Theory]
    [InlineData(0, 0, 1, 1)]
    [InlineData(1, 4_999, 1, 1)]
    [InlineData(2, 5_000, 2, 2)]
    [InlineData(3, 20_000, 3, 3)]
    [InlineData(5, 50_000, 4, 4)]
    [InlineData(10, 100_000, 5, 5)]
    public void Frequency_and_monetary_follow_the_documented_thresholds(int orders, long revenueMinor, int frequency, int monetary)
    {
        var scores = Score(Customer(orders: orders, revenueMinor: revenueMinor));
        Assert.Equal((frequency, monetary), (scores.Frequency, scores.Monetary));
    }

    [Fact]
    public void A_contact_who_never_bought_scores_lowest_recency_and_no_overdue_purchase()
    {
        var scores = Score(new ValueFacts("engagement", Now.AddDays(-1), 0, 0, null, null, 0));
        Assert.Equal((1, 1, 1, 0), (scores.Recency, scores.Frequency, scores.Monetary, scores.ChurnRisk));
        Assert.Empty(scores.Reasons);
    }

    [Fact]
    public void An_overdue_purchase_is_measured_against_the_contacts_own_gap()
    {
        // Four purchases 10 days apart, the last 35 days ago: 3.5x their usual gap, although 35 days is recent for most.
        var facts = new ValueFacts("retention", Now.AddDays(-2), 4, 40_000, Now.AddDays(-65), Now.AddDays(-35), 0);
        var scores = Score(facts);
        var reason = Assert.Single(scores.Reasons);
        Assert.Equal(("purchase_overdue", 40), (reason.Code, reason.Points));
        Assert.Equal("No purchase for 35 days, 3.5x the usual gap of 10 days.", reason.Description);
        Assert.Equal(40, scores.ChurnRisk);
    }

    [Fact]
    public void Two_orders_in_one_sitting_do_not_make_a_few_quiet_days_look_overdue()
    {
        // Two purchases a minute apart, the last 5 days ago: measured against the 7-day floor, not a one-minute gap.
        var lastPurchase = Now.AddDays(-5);
        var facts = new ValueFacts("retention", Now.AddDays(-5), 2, 10_000, lastPurchase.AddMinutes(-1), lastPurchase, 0);

        var scores = Score(facts);

        Assert.DoesNotContain(scores.Reasons, reason => reason.Code == "purchase_overdue");
    }

    [Fact]
    public void Reasons_add_up_and_the_risk_is_capped_at_100()
    {
        // One purchase 400 days ago (default 90-day gap: 4.4x), idle 70 days, two refunds, at risk: 40 + 20 + 20 + 25.
        var facts = new ValueFacts("at_risk", Now.AddDays(-70), 1, 9_000, Now.AddDays(-400), Now.AddDays(-400), 2);
        var scores = Score(facts);
        Assert.Equal(["purchase_overdue", "inactive", "refunds", "stage_at_risk"], scores.Reasons.Select(r => r.Code));
        Assert.Equal(100, scores.ChurnRisk);
        Assert.Equal(105, scores.Reasons.Sum(r => r.Points));
    }

    [Fact]
    public void A_churned_contact_has_full_risk_with_one_reason()
    {
        var scores = Score(Customer(lastPurchaseDaysAgo: 5) with { Stage = "churned" });
        Assert.Equal(100, scores.ChurnRisk);
        Assert.Equal("stage_churned", Assert.Single(scores.Reasons).Code);
    }

    [Fact]
    public void At_risk_and_churned_stages_come_from_the_model_in_force()
    {
        var renamed = new StageRoles(["customer"], ["dormant"], "lost");

        Assert.Equal(100, calculator.Calculate(Customer() with { Stage = "lost" }, renamed).ChurnRisk);
        Assert.Contains(calculator.Calculate(Customer() with { Stage = "dormant" }, renamed).Reasons, r => r.Code == "stage_at_risk");
        // Under this model "churned" is just a name no rule leads to.
        Assert.DoesNotContain(calculator.Calculate(Customer() with { Stage = "churned" }, renamed).Reasons, r => r.Code.StartsWith("stage_", StringComparison.Ordinal));
    }

    private ValueScores Score(ValueFacts facts) => calculator.Calculate(facts, StageRoles.Of(DefaultStageModel.Create()));

    private static ValueFacts Customer(int lastPurchaseDaysAgo = 10, int orders = 1, long revenueMinor = 1_000) =>
        new("purchase", Now.AddDays(-lastPurchaseDaysAgo), orders, revenueMinor, Now.AddDays(-lastPurchaseDaysAgo), Now.AddDays(-lastPurchaseDaysAgo), 0);
}
