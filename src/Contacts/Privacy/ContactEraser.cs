using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Data;
using Lifecycle.Contracts.Events;
using Lifecycle.Grpc.RichErrors;
using Lifecycle.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Privacy;

/// <summary>
/// GDPR erasure: removes what identifies the person (names, email, phone, external ids, their free text) and keeps
/// the row, its aggregates, stage history and orders so funnels and revenue stay true. The contact's version bump
/// makes the snapshot interceptor rewrite the cached snapshot without the personal data.
/// </summary>
public sealed class ContactEraser(ContactsDbContext db, IEventPublisher events, TimeProvider time, ILogger<ContactEraser> logger)
{
    /// <summary>The erased contact and whether an earlier call had already erased it.</summary>
    public async Task<(Contact Contact, bool AlreadyErased)> EraseAsync(Guid id, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw ContactIds.NotFound(id);
        if (contact.ErasedAt is not null)
        {
            return (contact, true);
        }
        var now = time.UtcNowMicroseconds();
        Anonymise(contact, now);
        // Tracked rather than a bulk update, so the free text goes in the same commit as the rest of the erasure.
        foreach (var interaction in await db.Interactions.Where(i => i.ContactId == id && i.Detail != null).ToListAsync(cancellationToken))
        {
            interaction.Detail = null;
        }
        events.Publish(new ContactErased { AggregateId = id.ToString(), AggregateVersion = contact.Version, OccurredAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw RpcExceptions.Create(Google.Rpc.Code.Aborted, "The contact changed concurrently; erase again.");
        }
        logger.LogInformation("Contact {ContactId} erased", id);
        return (contact, false);
    }

    private static void Anonymise(Contact contact, DateTime now)
    {
        // A placeholder under a reserved domain keeps the required, unique email column valid and frees the real address.
        contact.Email = $"erased-{contact.Id:N}@erased.invalid";
        contact.EmailNormalized = contact.Email;
        contact.Phone = null;
        contact.GivenName = null;
        contact.FamilyName = null;
        contact.Company = null;
        contact.JobTitle = null;
        contact.ExternalIdsJson = "[]";
        contact.Acquisition.HeardAboutUs = null;
        foreach (var consent in contact.Consents)
        {
            consent.Source = null;
        }
        contact.ErasedAt = now;
        contact.Touch(now);
    }
}
