using Lifecycle.Contacts.Data;
using Lifecycle.Contacts.Lifecycle;
using Lifecycle.Contracts.Events;
using Lifecycle.Grpc.RichErrors;
using Lifecycle.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Contacts;

/// <summary>Creates contacts: idempotent by request_id, unique by email, starting in the model's initial stage.</summary>
public sealed class ContactCreator(ContactsDbContext db, StageModelStore models, IEventPublisher events, TimeProvider time)
{
    public async Task<Contact> CreateAsync(Api.CreateContactRequest request, CancellationToken cancellationToken)
    {
        var input = request.Contact ?? new Api.Contact();
        var errors = RpcExceptions.BadRequest()
            .AddViolationIf(request.RequestId.Length > FieldLimits.RequestId, "request_id", "must be at most 64 characters");
        ContactValidator.Validate(input, ContactPaths.All.Select(ContactPaths.TopLevel).ToHashSet(), errors);
        errors.ThrowIfAny();

        var requestId = request.RequestId.Length > 0 ? request.RequestId : null;
        if (requestId is not null && await FindByRequestAsync(requestId, cancellationToken) is { } earlier)
        {
            return earlier;
        }
        var contact = await NewContactAsync(input, requestId, cancellationToken);
        if (await ResolveConflictAsync(requestId, contact.EmailNormalized, cancellationToken) is { } concurrentRetry)
        {
            return concurrentRetry;
        }
        db.Contacts.Add(contact);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return contact;
        }
        catch (DbUpdateException)
        {
            // A concurrent retry of the same request or another contact with this email won the unique index.
            db.ChangeTracker.Clear();
            if (await ResolveConflictAsync(requestId, contact.EmailNormalized, cancellationToken) is { } concurrent)
            {
                return concurrent;
            }
            throw;
        }
    }

    private async Task<Contact> NewContactAsync(Api.Contact input, string? requestId, CancellationToken cancellationToken)
    {
        var now = time.UtcNowMicroseconds();
        var (model, _) = await models.GetAsync(cancellationToken);
        var contact = new Contact
        {
            Id = Guid.CreateVersion7(),
            Email = "",
            EmailNormalized = "",
            Stage = model.InitialStage,
            StageSince = now,
            CreatedAt = now,
            CreateRequestId = requestId,
            Activity = { LastActivityAt = now },
        };
        foreach (var setter in ContactPaths.Setters.Values)
        {
            setter(contact, input);
        }
        var consentChanges = ConsentWriter.Apply(contact, input.Consents, now);
        contact.Touch(now);
        Publish(contact, consentChanges, now);
        return contact;
    }

    private void Publish(Contact contact, List<ConsentChanged> consentChanges, DateTime now)
    {
        var id = contact.Id.ToString();
        db.StageTransitions.Add(new StageTransitionRecord
        {
            Id = Guid.CreateVersion7(),
            ContactId = contact.Id,
            ToStage = contact.Stage,
            Reason = "contact created",
            OccurredAt = now,
        });
        events.Publish(new ContactCreated
        {
            AggregateId = id,
            AggregateVersion = contact.Version,
            OccurredAt = now,
            Email = contact.Email,
            Locale = contact.Locale,
            AcquisitionSource = contact.Acquisition.Source,
        });
        events.Publish(new StageChanged { AggregateId = id, AggregateVersion = contact.Version, OccurredAt = now, ToStage = contact.Stage, Reason = "contact created" });
        foreach (var change in consentChanges)
        {
            events.Publish(change with { AggregateVersion = contact.Version });
        }
    }

    private Task<Contact?> FindByRequestAsync(string requestId, CancellationToken cancellationToken) =>
        db.Contacts.Include(c => c.Consents).AsNoTracking().SingleOrDefaultAsync(c => c.CreateRequestId == requestId, cancellationToken);

    /// <summary>
    /// When the email is taken: the contact a concurrent retry of this very request created (returned), or another
    /// contact (ALREADY_EXISTS). Null when the email is free.
    /// </summary>
    private async Task<Contact?> ResolveConflictAsync(string? requestId, string emailNormalized, CancellationToken cancellationToken)
    {
        var existing = await db.Contacts.AsNoTracking().Where(c => c.EmailNormalized == emailNormalized).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is not { } id)
        {
            return null;
        }
        if (requestId is not null && await FindByRequestAsync(requestId, cancellationToken) is { } retried)
        {
            return retried;
        }
        throw RpcExceptions.AlreadyExists("contact", id.ToString(), "A contact with this email already exists.");
    }
}
