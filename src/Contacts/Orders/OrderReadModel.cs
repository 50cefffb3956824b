using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Data;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Orders;

/// <summary>Shared steps of the order event handlers: find the contact and the order row, record activity.</summary>
public sealed class OrderReadModel(ContactsDbContext db, ILogger<OrderReadModel> logger)
{
    /// <summary>The tracked contact, or null (logged) for an id this service does not know: such events change nothing.</summary>
    public async Task<Contact?> FindContactAsync(string contactId, string eventName, CancellationToken cancellationToken)
    {
        var contact = Guid.TryParse(contactId, out var id)
            ? await db.Contacts.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            : null;
        if (contact is null)
        {
            logger.LogWarning("{Event} for unknown contact {ContactId} ignored", eventName, contactId);
        }
        return contact;
    }

    /// <summary>The order's row, created on first sight (events may arrive out of order, e.g. paid before placed).</summary>
    public async Task<OrderRecord> OrderAsync(string orderId, Guid contactId, string currency, CancellationToken cancellationToken)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.OrderId == orderId, cancellationToken);
        if (order is null)
        {
            order = new OrderRecord { OrderId = orderId, ContactId = contactId, Status = OrderStatuses.Placed, Currency = currency };
            db.Orders.Add(order);
        }
        return order;
    }

    /// <summary>Records the event as customer activity (inactivity windows restart) and bumps the contact's version.</summary>
    public static void RecordActivity(Contact contact, DateTimeOffset occurredAt, DateTime now)
    {
        var at = occurredAt.UtcDateTime;
        if (at > contact.Activity.LastActivityAt)
        {
            contact.Activity.LastActivityAt = at;
        }
        contact.Touch(now);
    }
}
