using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Lifecycle.Contracts.Orders.V1;
using Lifecycle.Orders.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Orders.Tests.Checkout;

[Collection(OrdersCollection.Name)]
public sealed class CheckoutTests(OrdersInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Checkout_computes_totals_on_the_server_closes_the_cart_and_stages_order_placed(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var (beans, mug) = (await shop.ProductAsync(1999, category: "coffee"), await shop.ProductAsync(850, category: "kitchen"));
        var contactId = Shop.NewContactId();
        var cart = await shop.CartAsync(contactId, (beans, 3), (mug, 1));

        var order = (await host.Orders.CheckoutAsync(new CheckoutRequest { CartId = cart.Id, RequestId = Guid.NewGuid().ToString() })).Order;

        Assert.Equal(OrderStatus.PendingPayment, order.Status);
        Assert.Equal(3 * 1999 + 850, order.Total.AmountMinor);
        Assert.Equal("EUR", order.Total.CurrencyCode);
        Assert.Equal(["coffee", "kitchen"], order.Lines.OrderBy(l => l.Category).Select(l => l.Category));
        Assert.Equal(order, (await host.Orders.GetOrderAsync(new GetOrderRequest { Id = order.Id })).Order);
        Assert.Equal("", (await host.Carts.GetCartAsync(new GetCartRequest { ContactId = contactId })).Cart.Id);
        Assert.Equal(["OrderPlaced"], await host.OutboxEventsAsync(order.Id));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Twenty_concurrent_checkouts_of_one_cart_make_one_order(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var cart = await shop.CartAsync(Shop.NewContactId(), (await shop.ProductAsync(1000), 2));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                return (await host.Orders.CheckoutAsync(new CheckoutRequest { CartId = cart.Id, RequestId = Guid.NewGuid().ToString() })).Order.Id;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                return null;
            }
        }));

        var winner = Assert.Single(attempts, id => id is not null);
        Assert.Equal(1, await host.QueryAsync(db => db.Orders.CountAsync(o => o.CartId == Guid.Parse(cart.Id))));
        Assert.Equal(["OrderPlaced"], await host.OutboxEventsAsync(winner!));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Retried_checkouts_with_one_request_id_return_the_same_order(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var cart = await shop.CartAsync(Shop.NewContactId(), (await shop.ProductAsync(1000), 1));
        var request = new CheckoutRequest { CartId = cart.Id, RequestId = Guid.NewGuid().ToString() };

        var orders = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ => (await host.Orders.CheckoutAsync(request)).Order));
        var later = (await host.Orders.CheckoutAsync(request)).Order;

        Assert.Single(orders.Append(later).Select(o => o.Id).Distinct());
        Assert.Equal(["OrderPlaced"], await host.OutboxEventsAsync(later.Id));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_price_change_since_adding_refuses_checkout_and_writes_nothing_until_the_line_is_repriced(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var product = await shop.ProductAsync(1000);
        var contactId = Shop.NewContactId();
        var cart = await shop.CartAsync(contactId, (product, 2));
        await host.Catalogue.UpdateProductAsync(new UpdateProductRequest
        {
            Product = new Product { Sku = product.Sku, Price = new Money { AmountMinor = 1200, CurrencyCode = "EUR" } },
            UpdateMask = new FieldMask { Paths = { "price" } },
        });

        await RpcAssert.PreconditionAsync("PRICE_CHANGED",
            () => host.Orders.CheckoutAsync(new CheckoutRequest { CartId = cart.Id, RequestId = Guid.NewGuid().ToString() }).ResponseAsync);
        Assert.Equal(0, await host.QueryAsync(db => db.Orders.CountAsync(o => o.CartId == Guid.Parse(cart.Id))));
        Assert.Equal(cart, (await host.Carts.GetCartAsync(new GetCartRequest { ContactId = contactId })).Cart);

        await host.Carts.UpdateCartItemAsync(new UpdateCartItemRequest { ContactId = contactId, Sku = product.Sku, Quantity = 2 });
        var order = (await host.Orders.CheckoutAsync(new CheckoutRequest { CartId = cart.Id, RequestId = Guid.NewGuid().ToString() })).Order;
        Assert.Equal(2400, order.Total.AmountMinor);
    }

    [Fact]
    public async Task Bad_checkout_requests_name_the_problem()
    {
        var host = await infrastructure.SharedHostAsync("Sqlite");
        var shop = new Shop(host);
        var contactId = Shop.NewContactId();
        var product = await shop.ProductAsync();
        var emptied = await shop.CartAsync(contactId, (product, 1));
        await host.Carts.RemoveCartItemAsync(new RemoveCartItemRequest { ContactId = contactId, Sku = product.Sku });

        await RpcAssert.InvalidFieldAsync("request_id", () => host.Orders.CheckoutAsync(new CheckoutRequest { CartId = emptied.Id }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("cart_id", () => host.Orders.CheckoutAsync(new CheckoutRequest { CartId = "x", RequestId = "r" }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => host.Orders.CheckoutAsync(new CheckoutRequest { CartId = Guid.NewGuid().ToString(), RequestId = Guid.NewGuid().ToString() }).ResponseAsync);
        await RpcAssert.PreconditionAsync("CART_EMPTY",
            () => host.Orders.CheckoutAsync(new CheckoutRequest { CartId = emptied.Id, RequestId = Guid.NewGuid().ToString() }).ResponseAsync);
    }
}
