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

    private static string Format(GetChurnReportResponse r) => FormattableString.Invariant(
        $"active={r.ActiveAtStartCount} churned={r.ChurnedContactCount} rate={Math.Round(r.ChurnRate, 4)} at_risk={r.AtRiskEnteredCount} lapsed={r.LapsedContactCount} won_back={r.WinBackCount} rate={Math.Round(r.WinBackRate, 4)}");
}
