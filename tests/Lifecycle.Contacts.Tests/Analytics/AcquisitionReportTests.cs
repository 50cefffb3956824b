using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Contacts.V1;
using static Lifecycle.Contacts.Tests.Analytics.KnownHistory;

namespace Lifecycle.Contacts.Tests.Analytics;

[Collection(ContactsCollection.Name)]
public sealed class AcquisitionReportTests(ContactsInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Groups_report_purchases_and_net_revenue_per_currency_never_summed_across_currencies(string provider)
    {
        await using var history = await BuildAsync(infrastructure, provider);

        async Task<string[]> ReportAsync(AcquisitionGroupBy groupBy, int fromDay = 1, int toDay = 32)
        {
            var report = await history.Analytics.GetAcquisitionReportAsync(new() { Period = Period(fromDay, toDay), GroupBy = groupBy });
            return [.. report.Groups.Select(Format)];
        }

        // google: A (50.00 EUR), B (10.00 USD, won back without ever being in purchase: its paid order counts) and the
        // erased D. newsletter is C's utm_source: 30.00 + 20.00 - 5.00 refunded EUR. E recorded no source.
        Assert.Equal(
            ["'google' 3 bought 2 (0.6667) EUR 5000/1/1667 USD 1000/1/333", "'' 1 bought 0 (0)", "'newsletter' 1 bought 1 (1) EUR 4500/1/4500"],
            await ReportAsync(AcquisitionGroupBy.Unspecified));
        Assert.Equal(
            ["'' 2 bought 0 (0)", "'email' 2 bought 2 (1) EUR 4500/1/2250 USD 1000/1/500", "'paid_search' 1 bought 1 (1) EUR 5000/1/5000"],
            await ReportAsync(AcquisitionGroupBy.Channel));
        Assert.Equal(
            ["'' 3 bought 1 (0.3333) EUR 4500/1/1500", "'spring' 2 bought 2 (1) EUR 5000/1/2500 USD 1000/1/500"],
            await ReportAsync(AcquisitionGroupBy.Campaign));
        // Only E was created from day 11 on.
        Assert.Equal(["'' 1 bought 0 (0)"], await ReportAsync(AcquisitionGroupBy.Source, fromDay: 11));
    }

    private static string Format(AcquisitionGroup g) => FormattableString.Invariant(
        $"'{g.Value}' {g.AcquiredContactCount} bought {g.PurchasedContactCount} ({Math.Round(g.ConversionRate, 4)})")
        + string.Concat(g.Revenue.Select(r => $" {r.Currency} {r.RevenueMinor}/{r.PayingContactCount}/{r.AverageRevenuePerContactMinor}"));
}
