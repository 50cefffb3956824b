using Lifecycle.Orders.Orders;
using Api = Lifecycle.Contracts.Orders.V1;

namespace Lifecycle.Orders.Refunds;

/// <summary>Maps stored refunds to the API message.</summary>
public static class RefundMapper
{
    public static Api.Refund ToApi(this Refund refund)
    {
        var api = new Api.Refund
        {
            Id = refund.Id.ToString(),
            OrderId = refund.OrderId.ToString(),
            Amount = OrderMapper.Money(refund.AmountMinor, refund.Currency),
            Reason = refund.Reason,
            CreateTime = Timestamps.From(refund.CreatedAt),
        };
        api.Lines.AddRange(refund.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal).Select(l => new Api.RefundedLine
        {
            Sku = l.Sku,
            Quantity = l.Quantity,
            UnitPrice = OrderMapper.Money(l.UnitPriceMinor, refund.Currency),
            Amount = OrderMapper.Money(l.AmountMinor, refund.Currency),
        }));
        return api;
    }
}
