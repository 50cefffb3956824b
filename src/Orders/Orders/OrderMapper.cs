using Api = Lifecycle.Contracts.Orders.V1;

namespace Lifecycle.Orders.Orders;

/// <summary>Maps stored orders to the API message.</summary>
public static class OrderMapper
{
    public static Api.Order ToApi(this Order order)
    {
        var api = new Api.Order
        {
            Id = order.Id.ToString(),
            ContactId = order.ContactId.ToString(),
            CartId = order.CartId.ToString(),
            Status = ToApi(order.Status),
            Total = Money(order.TotalMinor, order.Currency),
            Refunded = Money(order.RefundedMinor, order.Currency),
            PaymentId = order.PaymentId ?? "",
            PaymentFailureReason = order.PaymentFailureReason ?? "",
            CancelReason = order.CancelReason ?? "",
            Version = order.Version,
            CreateTime = Timestamps.From(order.CreatedAt),
            UpdateTime = Timestamps.From(order.UpdatedAt),
            PaidTime = Timestamps.From(order.PaidAt),
        };
        api.Lines.AddRange(order.Items.OrderBy(i => i.Sku, StringComparer.Ordinal).Select(i => new Api.OrderLine
        {
            Sku = i.Sku,
            Name = i.Name,
            Category = i.Category,
            Quantity = i.Quantity,
            UnitPrice = Money(i.UnitPriceMinor, order.Currency),
            LineTotal = Money(i.LineTotalMinor, order.Currency),
            RefundedQuantity = i.RefundedQuantity,
        }));
        return api;
    }

    public static Api.Money Money(long amountMinor, string currency) => new() { AmountMinor = amountMinor, CurrencyCode = currency };

    private static Api.OrderStatus ToApi(OrderStatus status) => status switch
    {
        OrderStatus.PendingPayment => Api.OrderStatus.PendingPayment,
        OrderStatus.PaymentFailed => Api.OrderStatus.PaymentFailed,
        OrderStatus.Paid => Api.OrderStatus.Paid,
        OrderStatus.Fulfilled => Api.OrderStatus.Fulfilled,
        OrderStatus.Cancelled => Api.OrderStatus.Cancelled,
        OrderStatus.Refunded => Api.OrderStatus.Refunded,
        _ => Api.OrderStatus.Unspecified,
    };
}
