using Lifecycle.Grpc.RichErrors;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Orders.Data;
using Lifecycle.Orders.Refunds;

namespace Lifecycle.Orders.Orders;

/// <summary>
/// Cancels an order before fulfilment. A paid order's money goes back first (OrderRefunded for every unit not yet
/// refunded, so loyalty claws back), then OrderCancelled; both commit with the status change or not at all.
/// </summary>
public sealed class OrderCanceller(OrdersDbContext db, OrderLoader orders, RefundWriter refunds, IEventPublisher events, TimeProvider time)
{
    /// <summary>The request id of the refund a cancellation makes; unique per order like any refund's.</summary>
    public const string CancellationRefundRequestId = "cancellation";

    public Task<Order> CancelAsync(string orderIdText, string reason, CancellationToken cancellationToken)
    {
        var errors = RpcExceptions.BadRequest()
            .AddViolationIf(reason.Trim().Length == 0 || reason.Length > FieldLimits.Reason, "reason", $"must be 1-{FieldLimits.Reason} characters");
        var orderId = Ids.Parse(orderIdText, "id", errors);
        errors.ThrowIfAny();

        return ConcurrentUpdates.RetryAsync(db, async () =>
        {
            var order = await orders.LoadAsync(orderId, cancellationToken);
            var transition = OrderLoader.Require(order, OrderAction.Cancel);
            if (transition.Kind == TransitionKind.AlreadyDone)
            {
                return order;
            }
            var now = time.UtcNow();
            var rest = order.Items.Where(i => i.RefundableQuantity > 0).Select(i => new Refunds.RefundPick(i, i.RefundableQuantity)).ToList();
            if (order.Status == OrderStatus.Paid && rest.Count > 0)
            {
                refunds.Write(order, rest, CancellationRefundRequestId, reason, order.Status, now);
            }
            order.CancelReason = reason;
            order.MoveTo(transition.To, now);
            events.Publish(OrderEvents.Cancelled(order));
            await db.SaveChangesAsync(cancellationToken);
            return order;
        }, cancellationToken);
    }
}
