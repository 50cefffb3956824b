using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Inbox;

namespace Lifecycle.Contacts.Orders;

/// <summary>A cancelled order shows as such in the read model and the snapshot.</summary>
public sealed class OrderCancelledHandler(OrderReadModel readModel, TimeProvider time) : IIntegrationEventHandler<OrderCancelled>
{
    public async Task HandleAsync(OrderCancelled cancelled, CancellationToken cancellationToken)
    {
        if (await readModel.FindContactAsync(cancelled.ContactId, nameof(OrderCancelled), cancellationToken) is not { } contact)
        {
            return;
        }
        var order = await readModel.OrderAsync(cancelled.AggregateId, contact.Id, "", cancellationToken);
        order.Status = OrderStatuses.Cancelled;
        order.UpdatedAt = cancelled.OccurredAt.UtcDateTime;
        contact.Touch(time.UtcNowMicroseconds());
    }
}
