using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Contacts.V1;
using static Lifecycle.Contacts.Tests.Analytics.KnownHistory;

namespace Lifecycle.Contacts.Tests.Analytics;

[Collection(ContactsCollection.Name)]
public sealed class ChurnReportTests(ContactsInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Churn_and_win_back_rates_use_the_contacts_active_and_lapsed_in_the_period(string provider)
    {
        await using var history = await BuildAsync(infrastructure, provider);

        // Before day 15: A and C in purchase, B at risk (D and E in awareness are leads, not active).
        // B churns on day 20, C goes at risk on day 21, both are won back on day 31.
        var late = await history.Analytics.GetChurnReportAsync(new() { Period = Period(15, 32) });
        Assert.Equal("active=3 churned=1 rate=0.3333 at_risk=1 lapsed=2 won_back=2 rate=1", Format(late));

        // Nobody existed before day 1: no denominator, rates are 0. B went at risk on day 11.
        var early = await history.Analytics.GetChurnReportAsync(new() { Period = Period(1, 15) });
        Assert.Equal("active=0 churned=0 rate=0 at_risk=1 lapsed=1 won_back=0 rate=0", Format(early));

        // A period ending exactly at the win-backs (end is exclusive) has none.
        var beforeWinBack = await history.Analytics.GetChurnReportAsync(new() { Period = Period(15, 31) });
        Assert.Equal("active=3 churned=1 rate=0.3333 at_risk=1 lapsed=2 won_back=0 rate=0", Format(beforeWinBack));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Reports_follow_the_model_in_force_when_its_stages_are_renamed(string provider)
    {
        await using var history = await StartEmptyAsync(infrastructure, provider);
        var lifecycle = history.Host.Lifecycle;
        var model = (await lifecycle.GetStageModelAsync(new())).Model;
        await lifecycle.ReplaceStageModelAsync(new() { Model = Renamed(model, new() { ["purchase"] = "customer", ["at_risk"] = "dormant", ["churned"] = "lost" }) });

        var x = (await history.Host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact.Id;
        var y = (await history.Host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact.Id;
        history.Clock.Advance(TimeSpan.FromDays(1));
        await MoveAsync(x, "customer");
        await MoveAsync(y, "customer");
        history.Clock.Advance(TimeSpan.FromDays(9));
        await MoveAsync(x, "lost");
        history.Clock.Advance(TimeSpan.FromDays(2));
        await MoveAsync(y, "dormant");

        // Day 5 to 20: both were customers at its start; x's relationship ended, y went dormant.
        var churn = await history.Analytics.GetChurnReportAsync(new() { Period = Period(5, 20) });
        Assert.Equal("active=2 churned=1 rate=0.5 at_risk=1 lapsed=2 won_back=0 rate=0", Format(churn));
        var acquisition = await history.Analytics.GetAcquisitionReportAsync(new() { Period = Period(1, 2) });
        Assert.Equal(2, Assert.Single(acquisition.Groups).PurchasedContactCount);

        Task MoveAsync(string contactId, string toStage) =>
            lifecycle.MoveContactStageAsync(new() { ContactId = contactId, ToStage = toStage, Reason = "renamed model", Actor = "analytics-test" }).ResponseAsync;
    }

    /// <summary>The model with stage ids replaced everywhere they appear (stages, transitions, rules).</summary>
    private static StageModel Renamed(StageModel model, Dictionary<string, string> names)
    {
        string Name(string id) => names.GetValueOrDefault(id, id);
        var renamed = new StageModel { InitialStage = Name(model.InitialStage) };
        renamed.Stages.AddRange(model.Stages.Select(s => new Stage { Id = Name(s.Id), DisplayName = s.DisplayName }));
        renamed.Transitions.AddRange(model.Transitions.Select(t => new StageTransitionRule { FromStage = Name(t.FromStage), ToStage = Name(t.ToStage) }));
        foreach (var rule in model.Rules)
        {
            var copy = new StageRule { Id = rule.Id, Trigger = rule.Trigger, ToStage = Name(rule.ToStage), InactiveDays = rule.InactiveDays };
            copy.FromStages.AddRange(rule.FromStages.Select(Name));
            renamed.Rules.Add(copy);
        }
        return renamed;
    }

    private static string Format(GetChurnReportResponse r) => FormattableString.Invariant(
        $"active={r.ActiveAtStartCount} churned={r.ChurnedContactCount} rate={Math.Round(r.ChurnRate, 4)} at_risk={r.AtRiskEnteredCount} lapsed={r.LapsedContactCount} won_back={r.WinBackCount} rate={Math.Round(r.WinBackRate, 4)}");
}
