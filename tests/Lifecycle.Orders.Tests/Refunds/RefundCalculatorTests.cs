using Grpc.Core;
using Lifecycle.Contracts.Orders.V1;
using Lifecycle.Orders.Refunds;
using Order = Lifecycle.Orders.Orders.Order;
using OrderItem = Lifecycle.Orders.Orders.OrderItem;

namespace Lifecycle.Orders.Tests.Refunds;

public sealed class RefundCalculatorTests
{
    private static Order NewOrder() => new()
    {
        CheckoutRequestId = "r",
        Currency = "EUR",
        TotalMinor = 3 * 333 + 1 * 1000,
        Items =
        [
            new OrderItem { Sku = "beans", Name = "Beans", Category = "coffee", Quantity = 3, UnitPriceMinor = 333 },
            new OrderItem { Sku = "mug", Name = "Mug", Category = "kitchen", Quantity = 1, UnitPriceMinor = 1000, RefundedQuantity = 0 },
        ],
    };

    [Fact]
    public void A_partial_refund_is_unit_price_times_quantity_without_rounding()
    {
        var picks = RefundCalculator.Pick(NewOrder(), [new RefundLineRequest { Sku = "beans", Quantity = 2 }]);

        Assert.Equal(666, Assert.Single(picks).AmountMinor);
    }

    [Fact]
    public void No_lines_means_every_unit_not_yet_refunded()
    {
        var order = NewOrder();
        order.Items[0].RefundedQuantity = 1;

        var picks = RefundCalculator.Pick(order, []);

        Assert.Equal([("beans", 2), ("mug", 1)], picks.Select(p => (p.Item.Sku, p.Quantity)));
        Assert.True(RefundCalculator.CoversRest(order, picks));
    }

    [Fact]
    public void More_units_than_remain_refundable_are_refused()
    {
        var order = NewOrder();
        order.Items[0].RefundedQuantity = 2;

        var failure = Assert.Throws<RpcException>(() => RefundCalculator.Pick(order, [new RefundLineRequest { Sku = "beans", Quantity = 2 }]));

        Assert.Equal(StatusCode.FailedPrecondition, failure.StatusCode);
    }

    [Fact]
    public void A_fully_refunded_order_has_nothing_left_to_refund()
    {
        var order = NewOrder();
        order.Items.ForEach(i => i.RefundedQuantity = i.Quantity);

        Assert.Equal(StatusCode.FailedPrecondition, Assert.Throws<RpcException>(() => RefundCalculator.Pick(order, [])).StatusCode);
    }

    [Theory]
    [InlineData("tea", 1)]
    [InlineData("beans", 0)]
    [InlineData("beans", -1)]
    public void Unknown_lines_and_non_positive_quantities_are_invalid_arguments(string sku, int quantity)
    {
        var failure = Assert.Throws<RpcException>(() => RefundCalculator.Pick(NewOrder(), [new RefundLineRequest { Sku = sku, Quantity = quantity }]));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
    }

    [Fact]
    public void A_partial_refund_does_not_cover_the_rest()
    {
        var order = NewOrder();

        Assert.False(RefundCalculator.CoversRest(order, RefundCalculator.Pick(order, [new RefundLineRequest { Sku = "mug", Quantity = 1 }])));
    }
}
