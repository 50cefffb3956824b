using Lifecycle.Messaging.Outbox;
using Lifecycle.Orders.Data;

namespace Lifecycle.Orders.Orders;

/// <summary>Marks a paid order fulfilled and publishes OrderFulfilled; fulfilling it again changes nothing.</summary>
public sealed class OrderFulfiller(OrdersDbContext db, OrderLoader orders, IEventPublisher events, TimeProvider time)
{
    public Task<Order> FulfilAsync(string orderIdText, CancellationToken cancellationToken)
    {
        var orderId = Ids.Parse(orderIdText, "id");
        return ConcurrentUpdates.RetryAsync(db, async () =>
        {
            var order = await orders.LoadAsync(orderId, cancellationToken);
            var transition = OrderLoader.Require(order, OrderAction.Fulfil);
            if (transition.Kind == TransitionKind.Apply)
            {
                order.MoveTo(transition.To, time.UtcNow());
                events.Publish(OrderEvents.Fulfilled(order));
                await db.SaveChangesAsync(cancellationToken);
            }
            return order;
        }, cancellationToken);
    }
}
