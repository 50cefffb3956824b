using Grpc.Core;
using Lifecycle.Contracts.Orders.V1;
using Lifecycle.Orders.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Orders.Tests.Refunds;

[Collection(OrdersCollection.Name)]
public sealed class RefundTests(OrdersInfrastructure infrastructure)
{
    private static RefundOrderRequest Request(Order order, string requestId, params (string Sku, int Quantity)[] lines)
    {
        var request = new RefundOrderRequest { OrderId = order.Id, RequestId = requestId, Reason = "damaged" };
        request.Lines.AddRange(lines.Select(l => new RefundLineRequest { Sku = l.Sku, Quantity = l.Quantity }));
        return request;
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Partial_refunds_pay_unit_price_times_quantity_until_everything_is_refunded(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var (beans, mug) = (await shop.ProductAsync(333), await shop.ProductAsync(1000));
        var paid = await shop.PaidOrderAsync(null, (beans, 3), (mug, 1));

        var first = await host.Refunds.RefundOrderAsync(Request(paid, "r-1", (beans.Sku, 2)));
        var rest = await host.Refunds.RefundOrderAsync(Request(paid, "r-2"));

        Assert.Equal(666, first.Refund.Amount.AmountMinor);
        Assert.Equal(OrderStatus.Paid, first.Order.Status);
        Assert.Equal(333 + 1000, rest.Refund.Amount.AmountMinor);
        Assert.Equal(OrderStatus.Refunded, rest.Order.Status);
        Assert.Equal(paid.Total, rest.Order.Refunded);
        Assert.Equal(["OrderPlaced", "OrderPaid", "OrderRefunded", "OrderRefunded"], await host.OutboxEventsAsync(paid.Id));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_refund_beyond_what_was_paid_is_refused_and_writes_nothing(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var beans = await shop.ProductAsync(500);
        var paid = await shop.PaidOrderAsync(null, (beans, 2));
        await host.Refunds.RefundOrderAsync(Request(paid, "r-1", (beans.Sku, 1)));

        await RpcAssert.PreconditionAsync("REFUND_EXCEEDS_PAID", () => host.Refunds.RefundOrderAsync(Request(paid, "r-2", (beans.Sku, 2))).ResponseAsync);

        var order = (await host.Orders.GetOrderAsync(new GetOrderRequest { Id = paid.Id })).Order;
        Assert.Equal(500, order.Refunded.AmountMinor);
        Assert.Equal(1, await host.QueryAsync(db => db.Refunds.CountAsync(r => r.OrderId == Guid.Parse(paid.Id))));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_retried_refund_returns_the_first_and_pays_nothing_more(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var beans = await shop.ProductAsync(500);
        var paid = await shop.PaidOrderAsync(null, (beans, 4));
        var request = Request(paid, "r-1", (beans.Sku, 1));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => host.Refunds.RefundOrderAsync(request).ResponseAsync));

        Assert.Single(attempts.Select(a => a.Refund.Id).Distinct());
        Assert.Equal(500, (await host.Orders.GetOrderAsync(new GetOrderRequest { Id = paid.Id })).Order.Refunded.AmountMinor);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Concurrent_different_refunds_never_exceed_the_units_paid(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var beans = await shop.ProductAsync(100);
        var paid = await shop.PaidOrderAsync(null, (beans, 3));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            try
            {
                await host.Refunds.RefundOrderAsync(Request(paid, $"r-{i}", (beans.Sku, 1)));
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                return false;
            }
        }));

        Assert.Equal(3, outcomes.Count(ok => ok));
        var order = (await host.Orders.GetOrderAsync(new GetOrderRequest { Id = paid.Id })).Order;
        Assert.Equal(300, order.Refunded.AmountMinor);
        Assert.Equal(OrderStatus.Refunded, order.Status);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_unpaid_order_cannot_be_refunded(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var placed = await new Shop(host).PlacedOrderAsync();

        await RpcAssert.PreconditionAsync("ORDER_STATUS", () => host.Refunds.RefundOrderAsync(Request(placed, "r-1")).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("request_id", () => host.Refunds.RefundOrderAsync(Request(placed, "")).ResponseAsync);
    }
}
