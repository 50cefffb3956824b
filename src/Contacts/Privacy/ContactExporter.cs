using Google.Protobuf.WellKnownTypes;
using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Data;
using Lifecycle.Contacts.Interactions;
using Lifecycle.Contacts.Lifecycle;
using Lifecycle.Contacts.Timeline;
using Microsoft.EntityFrameworkCore;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Privacy;

/// <summary>GDPR export: every row this service keeps about one contact, in one message.</summary>
public sealed class ContactExporter(ContactsDbContext db, TimeProvider time)
{
    public async Task<Api.ContactExport> ExportAsync(Guid id, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw ContactIds.NotFound(id);
        var interactions = await db.Interactions.AsNoTracking().Where(i => i.ContactId == id).OrderBy(i => i.OccurredAt).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        var transitions = await db.StageTransitions.AsNoTracking().Where(t => t.ContactId == id).OrderBy(t => t.OccurredAt).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        var orders = await db.Orders.AsNoTracking().Where(o => o.ContactId == id).OrderBy(o => o.OrderId).ToListAsync(cancellationToken);
        var export = new Api.ContactExport
        {
            Contact = contact.ToApi(),
            ExportTime = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
            EraseTime = contact.ErasedAt is { } erased ? Timestamp.FromDateTime(erased) : null,
        };
        export.Interactions.AddRange(interactions.Select(i => i.ToApi()));
        export.StageTransitions.AddRange(transitions.Select(t => t.ToApi()));
        export.Orders.AddRange(orders.Select(o => TimelineMapper.ToItem(o).Entry.Order));
        return export;
    }
}
