using Lifecycle.Contracts.Events;

namespace Lifecycle.Orders.Orders;

/// <summary>Builds the order integration events; the order id is the aggregate, its version the aggregate version.</summary>
public static class OrderEvents
{
    public static OrderPlaced Placed(Order order) => new()
    {
        AggregateId = order.Id.ToString(),
        AggregateVersion = order.Version,
        OccurredAt = order.UpdatedAt,
        ContactId = order.ContactId.ToString(),
        TotalMinor = order.TotalMinor,
        Currency = order.Currency,
        Lines = order.Items.OrderBy(i => i.Sku, StringComparer.Ordinal).Select(i => new OrderLine(i.Sku, i.Quantity, i.UnitPriceMinor)).ToList(),
    };

    public static OrderPaid Paid(Order order) => new()
    {
        AggregateId = order.Id.ToString(),
        AggregateVersion = order.Version,
        OccurredAt = order.UpdatedAt,
        ContactId = order.ContactId.ToString(),
        AmountMinor = order.TotalMinor,
        Currency = order.Currency,
    };

    public static OrderCancelled Cancelled(Order order) => new()
    {
        AggregateId = order.Id.ToString(),
        AggregateVersion = order.Version,
        OccurredAt = order.UpdatedAt,
        ContactId = order.ContactId.ToString(),
        Reason = order.CancelReason ?? "",
    };

    public static OrderFulfilled Fulfilled(Order order) => new()
    {
        AggregateId = order.Id.ToString(),
        AggregateVersion = order.Version,
        OccurredAt = order.UpdatedAt,
        ContactId = order.ContactId.ToString(),
    };
}
