using Grpc.Core;
using Lifecycle.Contracts.Orders.V1;
using Lifecycle.Orders.Tests.Infrastructure;

namespace Lifecycle.Orders.Tests.Payments;

[Collection(OrdersCollection.Name)]
public sealed class PaymentTests(OrdersInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pay_then_fulfil_moves_the_order_and_publishes_each_step_once(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var placed = await shop.PlacedOrderAsync();

        var paid = await shop.PayAsync(placed, "pay-1");
        var retried = await shop.PayAsync(placed, "pay-1");
        var fulfilled = (await host.Orders.FulfilOrderAsync(new FulfilOrderRequest { Id = placed.Id })).Order;
        var fulfilledAgain = (await host.Orders.FulfilOrderAsync(new FulfilOrderRequest { Id = placed.Id })).Order;

        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Equal(paid, retried);
        Assert.Equal("pay-1", paid.PaymentId);
        Assert.NotNull(paid.PaidTime);
        Assert.Equal(OrderStatus.Fulfilled, fulfilled.Status);
        Assert.Equal(fulfilled, fulfilledAgain);
        Assert.Equal(["OrderPlaced", "OrderPaid", "OrderFulfilled"], await host.OutboxEventsAsync(placed.Id));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_failed_payment_keeps_the_order_payable_and_a_later_success_pays_it(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var placed = await shop.PlacedOrderAsync();

        var failed = (await host.Payments.FailPaymentAsync(new FailPaymentRequest { OrderId = placed.Id, PaymentId = "p-1", Reason = "card declined" })).Order;
        var paid = await shop.PayAsync(placed, "p-2");

        Assert.Equal(OrderStatus.PaymentFailed, failed.Status);
        Assert.Equal("card declined", failed.PaymentFailureReason);
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Equal("", paid.PaymentFailureReason);
        await RpcAssert.PreconditionAsync("ORDER_STATUS",
            () => host.Payments.FailPaymentAsync(new FailPaymentRequest { OrderId = placed.Id, PaymentId = "p-3", Reason = "late failure" }).ResponseAsync);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Paying_a_cancelled_order_is_refused_and_changes_nothing(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var placed = await shop.PlacedOrderAsync();
        var cancelled = (await host.Orders.CancelOrderAsync(new CancelOrderRequest { Id = placed.Id, Reason = "changed my mind" })).Order;

        await RpcAssert.PreconditionAsync("ORDER_STATUS", () => shop.PayAsync(placed));

        Assert.Equal(cancelled, (await host.Orders.GetOrderAsync(new GetOrderRequest { Id = placed.Id })).Order);
        Assert.Equal(["OrderPlaced", "OrderCancelled"], await host.OutboxEventsAsync(placed.Id));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_wrong_amount_currency_or_second_payment_is_refused(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var placed = await shop.PlacedOrderAsync();

        await RpcAssert.PreconditionAsync("AMOUNT_MISMATCH", () => host.Payments.ConfirmPaymentAsync(new ConfirmPaymentRequest
        {
            OrderId = placed.Id,
            PaymentId = "p",
            Amount = new Money { AmountMinor = placed.Total.AmountMinor - 1, CurrencyCode = "EUR" },
        }).ResponseAsync);
        await RpcAssert.PreconditionAsync("AMOUNT_MISMATCH", () => host.Payments.ConfirmPaymentAsync(new ConfirmPaymentRequest
        {
            OrderId = placed.Id,
            PaymentId = "p",
            Amount = new Money { AmountMinor = placed.Total.AmountMinor, CurrencyCode = "USD" },
        }).ResponseAsync);
        await shop.PayAsync(placed, "first");
        await RpcAssert.PreconditionAsync("ALREADY_PAID", () => shop.PayAsync(placed, "second"));
        Assert.Equal(["OrderPlaced", "OrderPaid"], await host.OutboxEventsAsync(placed.Id));
    }

    [Fact]
    public async Task Unknown_orders_and_malformed_requests_name_the_problem()
    {
        var host = await infrastructure.SharedHostAsync("Sqlite");

        await RpcAssert.FailsAsync(StatusCode.NotFound, () => host.Payments.ConfirmPaymentAsync(new ConfirmPaymentRequest
        {
            OrderId = Guid.NewGuid().ToString(),
            PaymentId = "p",
            Amount = new Money { AmountMinor = 1, CurrencyCode = "EUR" },
        }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("payment_id", () => host.Payments.ConfirmPaymentAsync(new ConfirmPaymentRequest
        {
            OrderId = Guid.NewGuid().ToString(),
            Amount = new Money { AmountMinor = 1, CurrencyCode = "EUR" },
        }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("amount.currency_code", () => host.Payments.ConfirmPaymentAsync(new ConfirmPaymentRequest
        {
            OrderId = Guid.NewGuid().ToString(),
            PaymentId = "p",
            Amount = new Money { AmountMinor = 1, CurrencyCode = "euro" },
        }).ResponseAsync);
    }
}
