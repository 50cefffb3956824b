using Lifecycle.Contacts.Data;
using Lifecycle.Contracts.Events;
using Lifecycle.Grpc.RichErrors;
using Lifecycle.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Contacts;

/// <summary>Applies a field-masked update: only named fields change; publishes ContactUpdated and ConsentChanged.</summary>
public sealed class ContactUpdater(ContactsDbContext db, IEventPublisher events, TimeProvider time)
{
    public async Task<Contact> UpdateAsync(Api.UpdateContactRequest request, CancellationToken cancellationToken)
    {
        var input = request.Contact ?? throw RpcExceptions.InvalidArgument("contact", "is required");
        var id = ContactIds.Parse(input.Id, "contact.id");
        var leaves = ExpandMask(request);
        var errors = RpcExceptions.BadRequest();
        ContactValidator.Validate(input, leaves.Select(ContactPaths.TopLevel).ToHashSet(), errors);
        errors.ThrowIfAny();

        var contact = await db.Contacts.Include(c => c.Consents).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw ContactIds.NotFound(id);
        var now = time.UtcNowMicroseconds();
        var before = contact.ToApi();
        foreach (var leaf in leaves.Where(l => l != "consents"))
        {
            ContactPaths.Setters[leaf](contact, input);
        }
        var consentChanges = leaves.Contains("consents") ? ConsentWriter.Apply(contact, input.Consents, now) : [];
        var changed = ChangedFields(before, contact.ToApi()).ToList();
        if (changed.Count == 0)
        {
            return contact;
        }
        if (changed.Contains("email"))
        {
            await EnsureEmailFreeAsync(contact, cancellationToken);
        }
        contact.Touch(now);
        events.Publish(new ContactUpdated { AggregateId = contact.Id.ToString(), AggregateVersion = contact.Version, OccurredAt = now, ChangedFields = changed });
        foreach (var change in consentChanges)
        {
            events.Publish(change with { AggregateVersion = contact.Version });
        }
        await SaveAsync(contact, cancellationToken);
        return contact;
    }

    private static List<string> ExpandMask(Api.UpdateContactRequest request)
    {
        var paths = request.UpdateMask?.Paths ?? [];
        var errors = RpcExceptions.BadRequest().AddViolationIf(paths.Count == 0, "update_mask", "name at least one field to update");
        var leaves = new List<string>();
        foreach (var path in paths)
        {
            var expanded = ContactPaths.Expand(path);
            errors.AddViolationIf(expanded is null, "update_mask", $"'{path}' is not an updatable field");
            leaves.AddRange(expanded ?? []);
        }
        errors.ThrowIfAny();
        return leaves.Distinct().ToList();
    }

    /// <summary>Top-level fields whose API value differs, so a no-op update publishes nothing.</summary>
    private static IEnumerable<string> ChangedFields(Api.Contact before, Api.Contact after) =>
        new (string Field, Func<Api.Contact, object?> Value)[]
        {
            ("email", c => c.Email), ("phone", c => c.Phone), ("locale", c => c.Locale), ("external_ids", c => c.ExternalIds),
            ("profile", c => c.Profile), ("acquisition", c => c.Acquisition), ("consents", c => c.Consents),
        }.Where(f => !Equals(f.Value(before), f.Value(after))).Select(f => f.Field);

    private async Task EnsureEmailFreeAsync(Contact contact, CancellationToken cancellationToken)
    {
        if (await db.Contacts.AsNoTracking().AnyAsync(c => c.EmailNormalized == contact.EmailNormalized && c.Id != contact.Id, cancellationToken))
        {
            throw RpcExceptions.AlreadyExists("contact", contact.EmailNormalized, "Another contact already uses this email.");
        }
    }

    private async Task SaveAsync(Contact contact, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw RpcExceptions.Create(Google.Rpc.Code.Aborted, "The contact changed concurrently; read it again and retry.");
        }
        catch (DbUpdateException)
        {
            // Most likely another contact took the email between the check and the commit.
            await EnsureEmailFreeAsync(contact, cancellationToken);
            throw;
        }
    }
}
