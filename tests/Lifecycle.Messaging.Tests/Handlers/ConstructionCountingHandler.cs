using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.TestDispatcher.Model;

namespace Lifecycle.Messaging.Tests.Handlers;

/// <summary>How many handler instances the container built: one per inbox batch, not one per delivery.</summary>
public sealed class ConstructionCounter
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public void Increment() => Interlocked.Increment(ref count);
}

/// <summary>Records each ContactCreated it applies, and counts its own constructions.</summary>
public sealed class ConstructionCountingHandler : IIntegrationEventHandler<ContactCreated>
{
    public const string Consumer = "construction-counting";
    private readonly TestDbContext db;

    public ConstructionCountingHandler(TestDbContext db, ConstructionCounter counter)
    {
        this.db = db;
        counter.Increment();
    }

    public Task HandleAsync(ContactCreated integrationEvent, CancellationToken cancellationToken)
    {
        db.Effects.Add(new Effect { EventId = integrationEvent.EventId, AggregateId = integrationEvent.AggregateId, Consumer = Consumer });
        return Task.CompletedTask;
    }
}
