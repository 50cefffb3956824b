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
    /// The snapshots of those of <paramref name="contactIds"/> that exist, in one query: only the columns a snapshot
    /// shows, with each contact's latest order joined in (not the whole contact with its consents, then the order).
    /// </summary>
    public async Task<List<CustomerSnapshot>> BuildManyAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken)
    {
        var ids = contactIds as List<Guid> ?? [.. contactIds];
        var rows = await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new SnapshotRow(
            c.Id, c.Version, c.GivenName, c.FamilyName, c.Email, c.Locale, c.Stage, c.StageSince,
            c.Activity.RevenueMinor, c.Activity.Currency, c.Activity.PaidOrderCount, c.Activity.FirstPurchaseAt, c.Activity.LastPurchaseAt,
            db.Orders.Where(o => o.ContactId == c.Id).OrderByDescending(o => o.UpdatedAt)
                .Select(o => new LastOrderRow(o.OrderId, o.Status, o.TotalMinor, o.Currency, o.UpdatedAt)).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        var buildTime = Timestamp.FromDateTimeOffset(time.GetUtcNow());
        return rows.Select(row => ToSnapshot(row, buildTime)).ToList();
    }

    private static CustomerSnapshot ToSnapshot(SnapshotRow row, Timestamp buildTime)
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
        if (row.LastOrder is { } order)
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
        long RevenueMinor, string? Currency, int PaidOrderCount, DateTime? FirstPurchaseAt, DateTime? LastPurchaseAt, LastOrderRow? LastOrder);

    private sealed record LastOrderRow(string OrderId, string Status, long TotalMinor, string Currency, DateTime UpdatedAt);
}
