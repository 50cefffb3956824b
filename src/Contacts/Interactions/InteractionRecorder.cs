using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Data;
using Lifecycle.Contacts.Lifecycle;
using Lifecycle.Contacts.Orders;
using Lifecycle.Contracts.Events;
using Lifecycle.Grpc.RichErrors;
using Lifecycle.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Interactions;

/// <summary>
/// Records an interaction in one unit of work: the row, activity facts, InteractionRecorded and any stage move the
/// rules make. The contact's version bump makes the snapshot interceptor refresh the cache after the commit.
/// </summary>
public sealed class InteractionRecorder(ContactsDbContext db, LifecycleRules rules, IEventPublisher events, TimeProvider time)
{
    public async Task<InteractionRecord> RecordAsync(Api.RecordInteractionRequest request, CancellationToken cancellationToken)
    {
        var now = time.UtcNowMicroseconds();
        InteractionValidator.Validate(request, now);
        var input = request.Interaction;
        var requestId = request.RequestId.Length > 0 ? request.RequestId : null;
        if (requestId is not null && await FindByRequestAsync(requestId, cancellationToken) is { } earlier)
        {
            return earlier;
        }
        var contactId = Guid.Parse(input.ContactId);
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == contactId, cancellationToken) ?? throw ContactIds.NotFound(contactId);
        var record = NewRecord(input, contactId, requestId, now);
        db.Interactions.Add(record);

        var isFirst = contact.Activity.InteractionCount == 0;
        contact.Activity.InteractionCount++;
        OrderReadModel.RecordActivity(contact, record.OccurredAt, now);
        var recorded = new InteractionRecorded
        {
            AggregateId = contact.Id.ToString(),
            AggregateVersion = contact.Version,
            OccurredAt = record.OccurredAt,
            ContactId = contact.Id.ToString(),
            Kind = InteractionMapper.EventKind(record),
            Detail = record.Detail,
        };
        events.Publish(recorded);
        await rules.ApplyAsync(contact, new InteractionSignal(recorded.EventId, record.Kind, record.Score, isFirst), cancellationToken);
        return await SaveAsync(record, requestId, cancellationToken);
    }

    private static InteractionRecord NewRecord(Api.Interaction input, Guid contactId, string? requestId, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        ContactId = contactId,
        Kind = InteractionMapper.KindOf(input.Type)!,
        CustomType = input.CustomType.Length > 0 ? input.CustomType : null,
        Score = input.HasScore ? input.Score : null,
        Detail = input.Detail.Length > 0 ? input.Detail : null,
        // Microsecond precision, like every stored time, so the returned value equals a re-read one.
        OccurredAt = input.OccurTime is { } at ? new DateTime(at.ToDateTime().Ticks / 10 * 10, DateTimeKind.Utc) : now,
        RecordedAt = now,
        RequestId = requestId,
    };

    private async Task<InteractionRecord> SaveAsync(InteractionRecord record, string? requestId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return record;
        }
        catch (DbUpdateException failure)
        {
            // A concurrent retry of the same request won either the unique request_id index or the contact's version
            // check: its result is ours. Otherwise another change to the contact won and the caller retries.
            db.ChangeTracker.Clear();
            if (requestId is not null && await FindByRequestAsync(requestId, cancellationToken) is { } concurrent)
            {
                return concurrent;
            }
            if (failure is DbUpdateConcurrencyException)
            {
                throw RpcExceptions.Create(Google.Rpc.Code.Aborted, "The contact changed concurrently; retry with the same request_id.");
            }
            throw;
        }
    }

    private Task<InteractionRecord?> FindByRequestAsync(string requestId, CancellationToken cancellationToken) =>
        db.Interactions.AsNoTracking().SingleOrDefaultAsync(i => i.RequestId == requestId, cancellationToken);
}
