using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Data;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Value;

/// <summary>Gathers a contact's value facts from the contact row and the orders read model.</summary>
public sealed class CustomerValueReader(ContactsDbContext db)
{
    public async Task<ValueFacts> ReadAsync(Guid contactId, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId, cancellationToken) ?? throw ContactIds.NotFound(contactId);
        var refunded = await db.Orders.CountAsync(o => o.ContactId == contactId && o.RefundedMinor > 0, cancellationToken);
        var activity = contact.Activity;
        return new ValueFacts(contact.Stage, activity.LastActivityAt, activity.PaidOrderCount, activity.RevenueMinor,
            activity.FirstPurchaseAt, activity.LastPurchaseAt, refunded);
    }
}
