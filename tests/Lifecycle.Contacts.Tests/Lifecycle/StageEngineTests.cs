using Lifecycle.Contacts.Lifecycle;
using static Lifecycle.Contacts.Lifecycle.StageIds;

namespace Lifecycle.Contacts.Tests.Lifecycle;

public sealed class StageEngineTests
{
    private static readonly StageModel Model = DefaultStageModel.Create();

    [Fact]
    public void First_interaction_moves_awareness_to_engagement()
    {
        var decision = StageEngine.Decide(Model, Awareness, new InteractionSignal(Guid.NewGuid(), InteractionKinds.PageView, null, IsFirst: true));

        Assert.Equal(Engagement, decision?.ToStage);
        Assert.Equal("first-interaction", decision?.Rule.Id);
    }

    [Fact]
    public void A_later_interaction_moves_nobody()
    {
        Assert.Null(StageEngine.Decide(Model, Engagement, new InteractionSignal(null, InteractionKinds.PageView, null, IsFirst: false)));
        Assert.Null(StageEngine.Decide(Model, Purchase, new InteractionSignal(null, InteractionKinds.PageView, null, IsFirst: true)));
    }

    [Theory]
    [InlineData(Awareness)]
    [InlineData(Engagement)]
    public void Cart_or_quote_moves_to_evaluation(string from) =>
        Assert.Equal(Evaluation, StageEngine.Decide(Model, from, new CartOrQuoteSignal(null))?.ToStage);

    [Fact]
    public void Cart_activity_of_a_customer_does_not_move_them_back() =>
        Assert.Null(StageEngine.Decide(Model, Retention, new CartOrQuoteSignal(null)));

    [Theory]
    [InlineData(Awareness)]
    [InlineData(Evaluation)]
    public void First_paid_order_moves_to_purchase(string from)
    {
        var decision = StageEngine.Decide(Model, from, new PaidOrderSignal(null, PaidOrders: 1));

        Assert.Equal(Purchase, decision?.ToStage);
        Assert.False(decision?.WinBack);
    }

    [Fact]
    public void Repeat_purchase_moves_purchase_to_retention() =>
        Assert.Equal("repeat-purchase", StageEngine.Decide(Model, Purchase, new PaidOrderSignal(null, PaidOrders: 2))?.Rule.Id);

    [Theory]
    [InlineData(InteractionKinds.Referral, null)]
    [InlineData(InteractionKinds.Review, null)]
    [InlineData(InteractionKinds.Nps, 9)]
    [InlineData(InteractionKinds.Nps, 10)]
    public void Referral_review_or_promoter_score_moves_customers_to_advocacy(string kind, int? score) =>
        Assert.Equal(Advocacy, StageEngine.Decide(Model, Retention, new InteractionSignal(null, kind, score, IsFirst: false))?.ToStage);

    [Fact]
    public void A_passive_nps_score_is_not_advocacy() =>
        Assert.Null(StageEngine.Decide(Model, Retention, new InteractionSignal(null, InteractionKinds.Nps, 8, IsFirst: false)));

    [Fact]
    public void A_prospects_first_interaction_being_a_review_still_means_engagement() =>
        Assert.Equal(Engagement, StageEngine.Decide(Model, Awareness, new InteractionSignal(null, InteractionKinds.Review, null, IsFirst: true))?.ToStage);

    [Theory]
    [InlineData(59, null)]
    [InlineData(60, AtRisk)]
    [InlineData(179, AtRisk)]
    [InlineData(180, Churned)]
    public void Inactivity_moves_customers_to_at_risk_then_churned(int days, string? expected) =>
        Assert.Equal(expected, StageEngine.Decide(Model, Retention, new InactivitySignal(TimeSpan.FromDays(days)))?.ToStage);

    [Fact]
    public void At_risk_contacts_churn_after_the_longer_window_only()
    {
        Assert.Null(StageEngine.Decide(Model, AtRisk, new InactivitySignal(TimeSpan.FromDays(100))));
        Assert.Equal(Churned, StageEngine.Decide(Model, AtRisk, new InactivitySignal(TimeSpan.FromDays(180)))?.ToStage);
    }

    [Theory]
    [InlineData(AtRisk, 1)]
    [InlineData(Churned, 5)]
    public void Purchase_while_lapsed_is_a_win_back_into_retention(string from, int paidOrders)
    {
        var decision = StageEngine.Decide(Model, from, new PaidOrderSignal(Guid.NewGuid(), paidOrders));

        Assert.Equal(Retention, decision?.ToStage);
        Assert.True(decision?.WinBack);
    }

    [Fact]
    public void The_decision_carries_the_triggering_event_id()
    {
        var eventId = Guid.NewGuid();

        Assert.Equal(eventId, StageEngine.Decide(Model, Evaluation, new PaidOrderSignal(eventId, 1))?.EventId);
    }

    [Fact]
    public void A_rule_whose_move_the_model_no_longer_allows_does_not_fire()
    {
        var model = Model with { Transitions = Model.Transitions.Where(t => !(t.From == Awareness && t.To == Engagement)).ToList() };

        Assert.Null(StageEngine.Decide(model, Awareness, new InteractionSignal(null, InteractionKinds.PageView, null, IsFirst: true)));
    }
}
