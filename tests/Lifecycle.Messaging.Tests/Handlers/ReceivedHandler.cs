using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.TestDispatcher.Model;

namespace Lifecycle.Messaging.Tests.Handlers;

/// <summary>Any event type: one Effect row per event applied, consumer "received" (its queue is named after TEvent).</summary>
public sealed class ReceivedHandler<TEvent>(TestDbContext db) : IIntegrationEventHandler<TEvent>
    where TEvent : IntegrationEvent
{
    public const string Consumer = "received";

    public Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        db.Effects.Add(new Effect { EventId = integrationEvent.EventId, AggregateId = integrationEvent.AggregateId, Consumer = Consumer });
        return Task.CompletedTask;
    }
}
