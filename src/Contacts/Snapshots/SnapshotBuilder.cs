using Google.Protobuf.WellKnownTypes;
using Lifecycle.Contacts.Data;
using Lifecycle.Contracts.Contacts.V1;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Snapshots;

/// <summary>Builds a contact's snapshot from the database: the source of truth behind the Redis cache.</summary>
public sealed class SnapshotBuilder(ContactsDbContext db, TimeProvider time)
{
    public async Task<CustomerSnapshot?> BuildAsync(Guid contactId, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        if (contact is null)
        {
            return null;
        }
        var lastOrder = await db.Orders.AsNoTracking().Where(o => o.ContactId == contactId)
            .OrderByDescending(o => o.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        var activity = contact.Activity;
        var snapshot = new CustomerSnapshot
        {
            ContactId = contact.Id.ToString(),
            Version = contact.Version,
            DisplayName = $"{contact.GivenName} {contact.FamilyName}".Trim(),
            Email = contact.Email,
            Locale = contact.Locale ?? "",
            Stage = contact.Stage,
            StageSince = Timestamp.FromDateTime(contact.StageSince),
            Value = new CustomerValue
            {
                RevenueMinor = activity.RevenueMinor,
                Currency = activity.Currency ?? "",
                OrderCount = activity.PaidOrderCount,
                AverageOrderMinor = activity.PaidOrderCount == 0 ? 0 : activity.RevenueMinor / activity.PaidOrderCount,
                FirstPurchaseTime = activity.FirstPurchaseAt is { } first ? Timestamp.FromDateTime(first) : null,
                LastPurchaseTime = activity.LastPurchaseAt is { } last ? Timestamp.FromDateTime(last) : null,
            },
            BuildTime = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        };
        if (lastOrder is not null)
        {
            snapshot.LastOrder = new LastOrder
            {
                OrderId = lastOrder.OrderId,
                Status = lastOrder.Status,
                TotalMinor = lastOrder.TotalMinor,
                Currency = lastOrder.Currency,
                UpdateTime = Timestamp.FromDateTime(lastOrder.UpdatedAt),
            };
        }
        return snapshot;
    }
}
