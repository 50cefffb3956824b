using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Inbox;

namespace Lifecycle.Contacts.Orders;

/// <summary>A full or partial refund lowers revenue; the stage stays (a refund is not a lifecycle move).</summary>
public sealed class OrderRefundedHandler(OrderReadModel readModel, TimeProvider time) : IIntegrationEventHandler<OrderRefunded>
{
    public async Task HandleAsync(OrderRefunded refunded, CancellationToken cancellationToken)
    {
        if (await readModel.FindContactAsync(refunded.ContactId, nameof(OrderRefunded), cancellationToken) is not { } contact)
        {
            return;
        }
        var order = await readModel.OrderAsync(refunded.AggregateId, contact.Id, refunded.Currency, cancellationToken);
        order.RefundedMinor += refunded.AmountMinor;
        order.Status = order.RefundedMinor >= order.TotalMinor ? OrderStatuses.Refunded : OrderStatuses.PartiallyRefunded;
        order.UpdatedAt = refunded.OccurredAt.UtcDateTime;
        contact.Activity.RevenueMinor -= refunded.AmountMinor;
        contact.Touch(time.UtcNowMicroseconds());
    }
}
