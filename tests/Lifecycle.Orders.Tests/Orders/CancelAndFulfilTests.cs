using Lifecycle.Contracts.Orders.V1;
using Lifecycle.Orders.Tests.Infrastructure;

namespace Lifecycle.Orders.Tests.Orders;

[Collection(OrdersCollection.Name)]
public sealed class CancelAndFulfilTests(OrdersInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Cancelling_a_paid_order_refunds_what_remains_then_cancels(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var paid = await shop.PaidOrderAsync();
        var firstLine = paid.Lines[0];
        await host.Refunds.RefundOrderAsync(new RefundOrderRequest
        {
            OrderId = paid.Id,
            RequestId = "r-1",
            Lines = { new RefundLineRequest { Sku = firstLine.Sku, Quantity = 1 } },
        });

        var cancelled = (await host.Orders.CancelOrderAsync(new CancelOrderRequest { Id = paid.Id, Reason = "out of stock" })).Order;
        var again = (await host.Orders.CancelOrderAsync(new CancelOrderRequest { Id = paid.Id, Reason = "out of stock" })).Order;

        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Equal(paid.Total.AmountMinor, cancelled.Refunded.AmountMinor);
        Assert.All(cancelled.Lines, l => Assert.Equal(l.Quantity, l.RefundedQuantity));
        Assert.Equal(cancelled, again);
        Assert.Equal(["OrderPlaced", "OrderPaid", "OrderRefunded", "OrderRefunded", "OrderCancelled"], await host.OutboxEventsAsync(paid.Id));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_fulfilled_order_cannot_be_cancelled_and_an_unpaid_one_cannot_be_fulfilled(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var placed = await shop.PlacedOrderAsync();
        var paid = await shop.PaidOrderAsync();
        await host.Orders.FulfilOrderAsync(new FulfilOrderRequest { Id = paid.Id });

        await RpcAssert.PreconditionAsync("ORDER_STATUS", () => host.Orders.FulfilOrderAsync(new FulfilOrderRequest { Id = placed.Id }).ResponseAsync);
        await RpcAssert.PreconditionAsync("ORDER_STATUS", () => host.Orders.CancelOrderAsync(new CancelOrderRequest { Id = paid.Id, Reason = "too late" }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("reason", () => host.Orders.CancelOrderAsync(new CancelOrderRequest { Id = placed.Id }).ResponseAsync);
        Assert.Equal(OrderStatus.PendingPayment, (await host.Orders.GetOrderAsync(new GetOrderRequest { Id = placed.Id })).Order.Status);
    }
}
