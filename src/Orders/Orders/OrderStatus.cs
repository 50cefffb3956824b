namespace Lifecycle.Orders.Orders;

/// <summary>Where an order is in its life; <see cref="OrderStateMachine"/> says which moves are allowed.</summary>
public enum OrderStatus
{
    PendingPayment,
    PaymentFailed,
    Paid,
    Fulfilled,
    Cancelled,
    Refunded,
}
