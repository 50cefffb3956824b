namespace Lifecycle.Orders.Orders;

/// <summary>What can happen to an order after checkout.</summary>
public enum OrderAction
{
    ConfirmPayment,
    FailPayment,
    Cancel,
    Fulfil,
    RefundPart,
    RefundRest,
}
