using Lifecycle.Contacts.Data;
using Lifecycle.Contacts.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Analytics;

/// <summary>
/// Per acquisition group of a period's new contacts: size, how many purchased, and net revenue per currency.
/// "Purchased" is having entered a purchase stage of the model in force (where its first-paid-order rule leads; manual
/// moves for offline sales included) or having a paid order (a lapsed lead's first order is a win-back straight into
/// retention, never through purchase). Purchases and revenue count up to now, so a cohort's figures keep maturing.
/// </summary>
public sealed class AcquisitionReportQuery(ContactsDbContext db, StageModelStore models)
{
    public async Task<Api.GetAcquisitionReportResponse> RunAsync(ReportPeriod period, Api.AcquisitionGroupBy groupBy, CancellationToken cancellationToken)
    {
        var (model, _) = await models.GetAsync(cancellationToken);
        var purchaseStages = StageRoles.Of(model).PurchaseStages.ToArray();
        var cohort = AcquisitionCohort.Of(db, period, groupBy);
        var acquired = await cohort
            .GroupBy(m => m.Value)
            .Select(g => new { Value = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Value, g => (long)g.Count, cancellationToken);
        var purchased = await cohort
            .Where(m => db.StageTransitions.Any(t => t.ContactId == m.ContactId && purchaseStages.Contains(t.ToStage))
                || db.Orders.Any(o => o.ContactId == m.ContactId && o.PaidAt != null))
            .GroupBy(m => m.Value)
            .Select(g => new { Value = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Value, g => (long)g.Count, cancellationToken);
        var revenue = await cohort
            .Join(db.Orders.Where(o => o.PaidAt != null), m => m.ContactId, o => o.ContactId,
                (m, o) => new { m.Value, m.ContactId, o.Currency, NetMinor = o.TotalMinor - o.RefundedMinor })
            .GroupBy(r => new { r.Value, r.Currency })
            .Select(g => new { g.Key.Value, g.Key.Currency, RevenueMinor = g.Sum(r => r.NetMinor), Paying = g.Select(r => r.ContactId).Distinct().Count() })
            .ToListAsync(cancellationToken);

        var response = new Api.GetAcquisitionReportResponse { Period = AnalyticsMapper.ToApi(period), GroupBy = groupBy };
        foreach (var (value, size) in acquired.OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var bought = purchased.GetValueOrDefault(value);
            var group = new Api.AcquisitionGroup { Value = value, AcquiredContactCount = size, PurchasedContactCount = bought, ConversionRate = Ratio.Of(bought, size) };
            group.Revenue.AddRange(revenue
                .Where(r => r.Value == value)
                .OrderBy(r => r.Currency, StringComparer.Ordinal)
                .Select(r => new Api.CurrencyRevenue
                {
                    Currency = r.Currency,
                    RevenueMinor = r.RevenueMinor,
                    PayingContactCount = r.Paying,
                    AverageRevenuePerContactMinor = Ratio.AverageMinor(r.RevenueMinor, size),
                }));
            response.Groups.Add(group);
        }
        return response;
    }
}
