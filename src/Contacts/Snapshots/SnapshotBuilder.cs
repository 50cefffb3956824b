using Google.Protobuf.WellKnownTypes;
using Lifecycle.Contacts.Data;
using Lifecycle.Contracts.Contacts.V1;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Snapshots;

/// <summary>Builds contacts' snapshots from the database: the source of truth behind the Redis cache.</summary>
public sealed class SnapshotBuilder(ContactsDbContext db, TimeProvider time)
{
    public async Task<CustomerSnapshot?> BuildAsync(Guid contactId, CancellationToken cancellationToken) =>
        (await BuildManyAsync([contactId], cancellationToken)).SingleOrDefault();

    /// <summary>
    /// The snapshots of those of <paramref name="contactIds"/> that exist, in two index-driven queries: the columns a
    /// snapshot shows with each contact's latest order id (a correlated subquery, one seek of the (contact_id,
    /// updated_at) index per contact), then those orders by key. A latest order projected as a row instead makes EF
    /// number every order of every contact (ROW_NUMBER() OVER (PARTITION BY contact_id)) and keep the first: a scan of
    /// the whole orders table per rebuild, which grew with the table and was most of the consumer's refresh cost.
    /// </summary>
    public async Task<List<CustomerSnapshot>> BuildManyAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken)
    {
        var ids = contactIds as List<Guid> ?? [.. contactIds];
        var rows = await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new SnapshotRow(
            c.Id, c.Version, c.GivenName, c.FamilyName, c.Email, c.Locale, c.Stage, c.StageSince,
            c.Activity.RevenueMinor, c.Activity.Currency, c.Activity.PaidOrderCount, c.Activity.FirstPurchaseAt, c.Activity.LastPurchaseAt,
            db.Orders.Where(o => o.ContactId == c.Id).OrderByDescending(o => o.UpdatedAt)
                .Select(o => o.OrderId).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        var orderIds = rows.Where(r => r.LastOrderId is not null).Select(r => r.LastOrderId!).ToList();
        var lastOrders = orderIds.Count == 0 ? [] : await db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.OrderId))
            .Select(o => new LastOrderRow(o.OrderId, o.Status, o.TotalMinor, o.Currency, o.UpdatedAt))
            .ToDictionaryAsync(o => o.OrderId, cancellationToken);
        var buildTime = Timestamp.FromDateTimeOffset(time.GetUtcNow());
        return rows.ConvertAll(row => ToSnapshot(row, row.LastOrderId is { } last ? lastOrders.GetValueOrDefault(last) : null, buildTime));
    }

    private static CustomerSnapshot ToSnapshot(SnapshotRow row, LastOrderRow? lastOrder, Timestamp buildTime)
    {
        var snapshot = new CustomerSnapshot
        {
            ContactId = row.Id.ToString(),
            Version = row.Version,
            DisplayName = $"{row.GivenName} {row.FamilyName}".Trim(),
            Email = row.Email,
            Locale = row.Locale ?? "",
            Stage = row.Stage,
            StageSince = Timestamp.FromDateTime(row.StageSince),
            Value = new CustomerValue
            {
                RevenueMinor = row.RevenueMinor,
                Currency = row.Currency ?? "",
                OrderCount = row.PaidOrderCount,
                AverageOrderMinor = row.PaidOrderCount == 0 ? 0 : row.RevenueMinor / row.PaidOrderCount,
                FirstPurchaseTime = row.FirstPurchaseAt is { } first ? Timestamp.FromDateTime(first) : null,
                LastPurchaseTime = row.LastPurchaseAt is { } last ? Timestamp.FromDateTime(last) : null,
            },
            BuildTime = buildTime,
        };
        if (lastOrder is { } order)
        {
            snapshot.LastOrder = new LastOrder
            {
                OrderId = order.OrderId,
                Status = order.Status,
                TotalMinor = order.TotalMinor,
                Currency = order.Currency,
                UpdateTime = Timestamp.FromDateTime(order.UpdatedAt),
            };
        }
        return snapshot;
    }

    private sealed record SnapshotRow(
        Guid Id, long Version, string? GivenName, string? FamilyName, string Email, string? Locale, string Stage, DateTime StageSince,
        long RevenueMinor, string? Currency, int PaidOrderCount, DateTime? FirstPurchaseAt, DateTime? LastPurchaseAt, string? LastOrderId);

    private sealed record LastOrderRow(string OrderId, string Status, long TotalMinor, string Currency, DateTime UpdatedAt);
}
