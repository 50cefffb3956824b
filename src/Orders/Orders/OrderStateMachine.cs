namespace Lifecycle.Orders.Orders;

/// <summary>How a transition request ends: applied (moving to a status), already done (a retry: change nothing), or refused.</summary>
public enum TransitionKind
{
    Apply,
    AlreadyDone,
    Refused,
}

/// <summary>The outcome of asking the state machine; <see cref="To"/> is the status after an applied transition.</summary>
public readonly record struct Transition(TransitionKind Kind, OrderStatus To);

/// <summary>
/// The order state machine, pure: pending payment → paid → fulfilled; a failed payment leaves the order payable;
/// cancellation is allowed until fulfilment (a paid order is refunded by it); refunds only of paid or fulfilled orders,
/// and refunding the rest makes the order Refunded. Repeating a move that already happened is AlreadyDone, not an error.
/// </summary>
public static class OrderStateMachine
{
    public static Transition Decide(OrderStatus from, OrderAction action) => (action, from) switch
    {
        (OrderAction.ConfirmPayment, OrderStatus.PendingPayment or OrderStatus.PaymentFailed) => Apply(OrderStatus.Paid),
        (OrderAction.ConfirmPayment, OrderStatus.Paid) => AlreadyDone(from),

        (OrderAction.FailPayment, OrderStatus.PendingPayment or OrderStatus.PaymentFailed) => Apply(OrderStatus.PaymentFailed),

        (OrderAction.Cancel, OrderStatus.PendingPayment or OrderStatus.PaymentFailed or OrderStatus.Paid) => Apply(OrderStatus.Cancelled),
        (OrderAction.Cancel, OrderStatus.Cancelled) => AlreadyDone(from),

        (OrderAction.Fulfil, OrderStatus.Paid) => Apply(OrderStatus.Fulfilled),
        (OrderAction.Fulfil, OrderStatus.Fulfilled) => AlreadyDone(from),

        (OrderAction.RefundPart, OrderStatus.Paid or OrderStatus.Fulfilled) => Apply(from),
        (OrderAction.RefundRest, OrderStatus.Paid or OrderStatus.Fulfilled) => Apply(OrderStatus.Refunded),

        _ => new Transition(TransitionKind.Refused, from),
    };

    /// <summary>Why a refused transition is refused, in words a client can show.</summary>
    public static string Explain(OrderStatus from, OrderAction action) => $"An order that is {Describe(from)} cannot {Verb(action)}.";

    private static Transition Apply(OrderStatus to) => new(TransitionKind.Apply, to);

    private static Transition AlreadyDone(OrderStatus from) => new(TransitionKind.AlreadyDone, from);

    private static string Describe(OrderStatus status) => status switch
    {
        OrderStatus.PendingPayment => "pending payment",
        OrderStatus.PaymentFailed => "awaiting a new payment attempt",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string Verb(OrderAction action) => action switch
    {
        OrderAction.ConfirmPayment => "be paid",
        OrderAction.FailPayment => "record a failed payment",
        OrderAction.Cancel => "be cancelled",
        OrderAction.Fulfil => "be fulfilled",
        _ => "be refunded",
    };
}
