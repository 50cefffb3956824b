using Lifecycle.Grpc.RichErrors;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Orders.Data;
using Lifecycle.Orders.Orders;
using Api = Lifecycle.Contracts.Orders.V1;

namespace Lifecycle.Orders.Payments;

/// <summary>
/// Applies what a payment provider's adapter reports. A confirmation must match the order total and currency exactly;
/// a repeated confirmation with the same payment id is a retry (no change), another payment id on a paid order is a
/// double charge and refused. A failure keeps the order payable; a failure after payment is refused.
/// </summary>
public sealed class PaymentRecorder(OrdersDbContext db, OrderLoader orders, IEventPublisher events, TimeProvider time)
{
    public Task<Order> ConfirmAsync(Api.ConfirmPaymentRequest request, CancellationToken cancellationToken)
    {
        var errors = RpcExceptions.BadRequest();
        var orderId = Ids.Parse(request.OrderId, "order_id", errors);
        ValidatePaymentId(request.PaymentId, errors);
        var amount = request.Amount ?? new Api.Money();
        errors.AddViolationIf(amount.AmountMinor < 0, "amount.amount_minor", "must not be negative");
        errors.AddViolationIf(!Currencies.IsValid(amount.CurrencyCode), "amount.currency_code", "must be an ISO 4217 code such as EUR");
        errors.ThrowIfAny();

        return ConcurrentUpdates.RetryAsync(db, async () =>
        {
            var order = await orders.LoadAsync(orderId, cancellationToken);
            var transition = OrderLoader.Require(order, OrderAction.ConfirmPayment);
            if (transition.Kind == TransitionKind.AlreadyDone)
            {
                return order.PaymentId == request.PaymentId ? order
                    : throw Preconditions.Failed("ALREADY_PAID", $"orders/{order.Id}", $"The order was already paid by payment {order.PaymentId}.");
            }
            if (amount.AmountMinor != order.TotalMinor || amount.CurrencyCode != order.Currency)
            {
                throw Preconditions.Failed("AMOUNT_MISMATCH", $"orders/{order.Id}",
                    $"The order total is {order.TotalMinor} {order.Currency} (minor units); the payment was {amount.AmountMinor} {amount.CurrencyCode}.");
            }
            var now = time.UtcNow();
            (order.PaymentId, order.PaymentFailureReason, order.PaidAt) = (request.PaymentId, null, now);
            order.MoveTo(transition.To, now);
            events.Publish(OrderEvents.Paid(order));
            await db.SaveChangesAsync(cancellationToken);
            return order;
        }, cancellationToken);
    }

    public Task<Order> FailAsync(Api.FailPaymentRequest request, CancellationToken cancellationToken)
    {
        var errors = RpcExceptions.BadRequest()
            .AddViolationIf(request.Reason.Trim().Length == 0 || request.Reason.Length > FieldLimits.Reason, "reason", $"must be 1-{FieldLimits.Reason} characters");
        var orderId = Ids.Parse(request.OrderId, "order_id", errors);
        ValidatePaymentId(request.PaymentId, errors);
        errors.ThrowIfAny();

        return ConcurrentUpdates.RetryAsync(db, async () =>
        {
            var order = await orders.LoadAsync(orderId, cancellationToken);
            var transition = OrderLoader.Require(order, OrderAction.FailPayment);
            order.PaymentFailureReason = request.Reason;
            order.MoveTo(transition.To, time.UtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return order;
        }, cancellationToken);
    }

    private static void ValidatePaymentId(string paymentId, BadRequestBuilder errors) =>
        errors.AddViolationIf(paymentId.Length is 0 or > FieldLimits.PaymentId, "payment_id", $"must be 1-{FieldLimits.PaymentId} characters");
}
