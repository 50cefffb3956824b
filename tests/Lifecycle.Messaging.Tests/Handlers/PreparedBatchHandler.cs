using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.TestDispatcher.Model;

namespace Lifecycle.Messaging.Tests.Handlers;

/// <summary>How often the inbox called the batch preparer, over all scopes.</summary>
public sealed class PreparerCalls
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public void Increment() => Interlocked.Increment(ref count);
}

/// <summary>The events the batch preparer saw in this scope (the batch's unit of work).</summary>
public sealed class PreparedEvents
{
    public HashSet<Guid> Ids { get; } = [];
}

/// <summary>Notes the batch's event ids where the handler of the same scope will look for them.</summary>
public sealed class ContactCreatedBatchPreparer(PreparedEvents prepared, PreparerCalls calls) : IIntegrationEventBatchPreparer<ContactCreated>
{
    public Task PrepareAsync(IReadOnlyList<ContactCreated> batch, CancellationToken cancellationToken)
    {
        calls.Increment();
        prepared.Ids.UnionWith(batch.Select(e => e.EventId));
        return Task.CompletedTask;
    }
}

/// <summary>Records each ContactCreated with whether the preparer had seen it before the handler ran ("prepared").</summary>
public sealed class PreparedBatchHandler(TestDbContext db, PreparedEvents prepared) : IIntegrationEventHandler<ContactCreated>
{
    public const string Consumer = "prepared-batch";

    public Task HandleAsync(ContactCreated integrationEvent, CancellationToken cancellationToken)
    {
        var seen = prepared.Ids.Contains(integrationEvent.EventId) ? "prepared" : "unprepared";
        db.Effects.Add(new Effect { EventId = integrationEvent.EventId, AggregateId = seen, Consumer = Consumer });
        return Task.CompletedTask;
    }
}
