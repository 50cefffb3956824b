using System.Runtime.CompilerServices;
using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Lifecycle.Contacts.Orders;

/// <summary>
/// Shared steps of the order event handlers: find the contact and the order row, record activity. A contact or order
/// this unit of work already holds is reused, so the handlers are safe for
/// <see cref="global::Lifecycle.Messaging.Inbox.InboxBatchSaving.OncePerBatch"/>: a second event for the same contact
/// or order in one inbox batch sees the first one's unsaved changes (and the order row it added), exactly as if it ran
/// after a save, and costs no query. The lookups are compiled once: per event they are the consumer's main cost.
/// </summary>
public sealed class OrderReadModel(ContactsDbContext db, ILogger<OrderReadModel> logger)
{
    // A compiled query belongs to one model; a process may hold several (one per database provider, as the tests do).
    private static readonly ConditionalWeakTable<IModel, CompiledLookups> Lookups = [];

    private readonly Dictionary<Guid, Contact> contacts = [];
    private readonly Dictionary<string, OrderRecord> orders = [];

    // Orders a batch preload found absent: the first event naming one creates it without asking again.
    private readonly HashSet<string> absentOrders = [];

    /// <summary>
    /// Loads the contacts and orders a batch of events names, one query each, so the handlers find them held instead
    /// of querying once per event (<see cref="OrderBatchPreparer"/>). Ids already held or malformed are skipped.
    /// </summary>
    public async Task PreloadAsync(IEnumerable<string> contactIds, IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        var contactKeys = contactIds.Select(id => Guid.TryParse(id, out var key) ? key : Guid.Empty)
            .Where(id => id != Guid.Empty && Held(contacts, id) is null).Distinct().ToList();
        if (contactKeys.Count > 0)
        {
            foreach (var contact in await db.Contacts.Where(c => contactKeys.Contains(c.Id)).ToListAsync(cancellationToken))
            {
                contacts[contact.Id] = contact;
            }
        }
        var orderKeys = orderIds.Where(id => Held(orders, id) is null).Distinct().ToList();
        if (orderKeys.Count > 0)
        {
            foreach (var order in await db.Orders.Where(o => orderKeys.Contains(o.OrderId)).ToListAsync(cancellationToken))
            {
                orders[order.OrderId] = order;
            }
            absentOrders.UnionWith(orderKeys.Where(id => !orders.ContainsKey(id)));
        }
    }

    /// <summary>The tracked contact, or null (logged) for an id this service does not know: such events change nothing.</summary>
    public async Task<Contact?> FindContactAsync(string contactId, string eventName, CancellationToken cancellationToken)
    {
        Contact? contact = null;
        if (Guid.TryParse(contactId, out var id))
        {
            contact = Held(contacts, id) ?? await CompiledFor(db).ContactById(db, id, cancellationToken);
            if (contact is not null)
            {
                contacts[id] = contact;
            }
        }
        if (contact is null)
        {
            logger.LogWarning("{Event} for unknown contact {ContactId} ignored", eventName, contactId);
        }
        return contact;
    }

    /// <summary>The order's row, created on first sight (events may arrive out of order, e.g. paid before placed).</summary>
    public async Task<OrderRecord> OrderAsync(string orderId, Guid contactId, string currency, CancellationToken cancellationToken)
    {
        // A row an earlier event of this unit of work added is not in the database yet: the query would miss it.
        // An order the batch preload found absent is created at once (only the first time: after that it is held).
        var order = Held(orders, orderId)
            ?? (absentOrders.Remove(orderId) ? null : await CompiledFor(db).OrderById(db, orderId, cancellationToken));
        if (order is null)
        {
            order = new OrderRecord { OrderId = orderId, ContactId = contactId, Status = OrderStatuses.Placed, Currency = currency };
            db.Orders.Add(order);
        }
        orders[orderId] = order;
        return order;
    }

    private static CompiledLookups CompiledFor(ContactsDbContext db) => Lookups.GetValue(db.Model, _ => new CompiledLookups());

    /// <summary>An entity this unit of work loaded or added, while the context still tracks it (a retry clears the context).</summary>
    private TEntity? Held<TKey, TEntity>(Dictionary<TKey, TEntity> held, TKey key)
        where TKey : notnull
        where TEntity : class =>
        held.TryGetValue(key, out var entity) && db.Entry(entity).State != EntityState.Detached ? entity : null;

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

    /// <summary>The two lookups, compiled for one model.</summary>
    private sealed class CompiledLookups
    {
        public Func<ContactsDbContext, Guid, CancellationToken, Task<Contact?>> ContactById { get; } =
            EF.CompileAsyncQuery((ContactsDbContext context, Guid id, CancellationToken _) => context.Contacts.SingleOrDefault(c => c.Id == id));

        public Func<ContactsDbContext, string, CancellationToken, Task<OrderRecord?>> OrderById { get; } =
            EF.CompileAsyncQuery((ContactsDbContext context, string id, CancellationToken _) => context.Orders.SingleOrDefault(o => o.OrderId == id));
    }
}
