using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.TestDispatcher.Model;

namespace Lifecycle.Messaging.Tests.Handlers;

/// <summary>The plain consumer: one Effect row per ContactCreated it applies.</summary>
public sealed class RecordContactHandler(TestDbContext db) : IIntegrationEventHandler<ContactCreated>
{
    public Task HandleAsync(ContactCreated integrationEvent, CancellationToken cancellationToken)
    {
        db.Effects.Add(new Effect { EventId = integrationEvent.EventId, AggregateId = integrationEvent.AggregateId, Consumer = "record-contact" });
        return Task.CompletedTask;
    }
}
