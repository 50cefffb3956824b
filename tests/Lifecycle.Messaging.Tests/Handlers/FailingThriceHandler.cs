using System.Collections.Concurrent;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.TestDispatcher.Model;

namespace Lifecycle.Messaging.Tests.Handlers;

/// <summary>Counts handler attempts per event across retries (a singleton: scopes come and go).</summary>
public sealed class AttemptCounter
{
    private readonly ConcurrentDictionary<Guid, int> attempts = new();

    public int Next(Guid eventId) => attempts.AddOrUpdate(eventId, 1, (_, n) => n + 1);

    public int Of(Guid eventId) => attempts.GetValueOrDefault(eventId);
}

/// <summary>Writes its effect, then throws on the first three attempts: only the fourth may commit.</summary>
public sealed class FailingThriceHandler(TestDbContext db, AttemptCounter counter) : IIntegrationEventHandler<OrderPaid>
{
    public const int Failures = 3;

    public Task HandleAsync(OrderPaid integrationEvent, CancellationToken cancellationToken)
    {
        // The effect is staged before the throw on purpose: a failed attempt must leave nothing behind.
        db.Effects.Add(new Effect { EventId = integrationEvent.EventId, AggregateId = integrationEvent.AggregateId, Consumer = "failing-thrice" });
        if (counter.Next(integrationEvent.EventId) <= Failures)
        {
            throw new InvalidOperationException("transient failure, please retry");
        }
        return Task.CompletedTask;
    }
}
