using Lifecycle.Grpc.RichErrors;
using Lifecycle.Orders.Data;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Orders.Orders;

/// <summary>Loads an order for a change and asks the state machine whether the change is allowed.</summary>
public sealed class OrderLoader(OrdersDbContext db)
{
    public async Task<Order> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Orders.Include(o => o.Items).SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
        ?? throw RpcExceptions.NotFound("order", id.ToString());

    /// <summary>The transition, or FAILED_PRECONDITION (type ORDER_STATUS) when the state machine refuses it.</summary>
    public static Transition Require(Order order, OrderAction action)
    {
        var transition = OrderStateMachine.Decide(order.Status, action);
        return transition.Kind == TransitionKind.Refused
            ? throw Preconditions.Failed("ORDER_STATUS", $"orders/{order.Id}", OrderStateMachine.Explain(order.Status, action))
            : transition;
    }
}
