using Lifecycle.Grpc.RichErrors;
using Lifecycle.Orders.Data;
using Lifecycle.Orders.Orders;
using Microsoft.EntityFrameworkCore;
using Api = Lifecycle.Contracts.Orders.V1;

namespace Lifecycle.Orders.Refunds;

/// <summary>
/// Refunds units of a paid or fulfilled order, idempotent by (order, request_id). Concurrent refunds of one order
/// serialise on the order's version, so the limits are checked against what the others already paid back.
/// </summary>
public sealed class OrderRefunder(OrdersDbContext db, OrderLoader orders, RefundWriter writer, TimeProvider time)
{
    public Task<(Refund Refund, Order Order)> RefundAsync(Api.RefundOrderRequest request, CancellationToken cancellationToken)
    {
        var errors = RpcExceptions.BadRequest()
            .AddViolationIf(request.RequestId.Length is 0 or > FieldLimits.RequestId, "request_id", $"must be 1-{FieldLimits.RequestId} characters")
            .AddViolationIf(request.Reason.Length > FieldLimits.Reason, "reason", $"must be at most {FieldLimits.Reason} characters");
        var orderId = Ids.Parse(request.OrderId, "order_id", errors);
        errors.ThrowIfAny();

        return ConcurrentUpdates.RetryAsync(db, async () =>
        {
            var order = await orders.LoadAsync(orderId, cancellationToken);
            if (await FindAsync(orderId, request.RequestId, cancellationToken) is { } earlier)
            {
                return (earlier, order);
            }
            var picks = RefundCalculator.Pick(order, request.Lines);
            var action = RefundCalculator.CoversRest(order, picks) ? OrderAction.RefundRest : OrderAction.RefundPart;
            var transition = OrderLoader.Require(order, action);
            var refund = writer.Write(order, picks, request.RequestId, request.Reason, transition.To, time.UtcNow());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (refund, order);
            }
            catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
            {
                // The same request_id raced in another call and won the unique index: its refund is the answer.
                db.ChangeTracker.Clear();
                var winner = await FindAsync(orderId, request.RequestId, cancellationToken)
                    ?? throw new InvalidOperationException($"Refund {request.RequestId} of order {orderId} could not be stored.", e);
                return (winner, await orders.LoadAsync(orderId, cancellationToken));
            }
        }, cancellationToken);
    }

    private Task<Refund?> FindAsync(Guid orderId, string requestId, CancellationToken cancellationToken) =>
        db.Refunds.Include(r => r.Lines).AsNoTracking().SingleOrDefaultAsync(r => r.OrderId == orderId && r.RequestId == requestId, cancellationToken);
}
