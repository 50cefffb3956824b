using Lifecycle.Contracts.Events;

namespace Lifecycle.Messaging.Inbox;

/// <summary>
/// A service's reaction to one integration event. It changes state through the service's scoped DbContext
/// and does not call SaveChanges' commit itself: the inbox consumer commits the effect together with the
/// inbox row, so a redelivered event is acknowledged without running this again.
/// </summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
