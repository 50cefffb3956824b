using Lifecycle.Contracts.Events;

namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// Publishes integration events through the outbox: Publish only stages a row in the current DbContext;
/// the caller's SaveChanges (or transaction commit) makes the event and the state change durable together.
/// </summary>
public interface IEventPublisher
{
    void Publish<TEvent>(TEvent integrationEvent)
        where TEvent : IntegrationEvent;
}
