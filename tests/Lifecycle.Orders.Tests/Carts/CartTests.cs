using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Lifecycle.Contracts.Orders.V1;
using Lifecycle.Orders.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Orders.Tests.Carts;

[Collection(OrdersCollection.Name)]
public sealed class CartTests(OrdersInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Add_update_and_remove_keep_catalogue_prices_and_server_totals_and_publish_cart_updated(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var (beans, mug) = (await shop.ProductAsync(1999), await shop.ProductAsync(850));
        var contactId = Shop.NewContactId();

        await shop.CartAsync(contactId, (beans, 1), (beans, 2), (mug, 1));
        var updated = (await host.Carts.UpdateCartItemAsync(new UpdateCartItemRequest { ContactId = contactId, Sku = mug.Sku, Quantity = 4 })).Cart;
        var afterRemove = (await host.Carts.RemoveCartItemAsync(new RemoveCartItemRequest { ContactId = contactId, Sku = beans.Sku })).Cart;
        var read = (await host.Carts.GetCartAsync(new GetCartRequest { ContactId = contactId })).Cart;

        Assert.Equal(3 * 1999 + 4 * 850, updated.Total.AmountMinor);
        Assert.Equal("EUR", updated.Total.CurrencyCode);
        Assert.Equal(3, updated.Items.Single(i => i.Sku == beans.Sku).Quantity);
        Assert.Equal(afterRemove, read);
        Assert.Equal(4 * 850, read.Total.AmountMinor);
        Assert.Equal(mug.Sku, Assert.Single(read.Items).Sku);
        Assert.Equal(Enumerable.Repeat("CartUpdated", 5), await host.OutboxEventsAsync(read.Id));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_product_in_another_currency_is_refused_and_the_cart_is_unchanged(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var (euro, dollar) = (await shop.ProductAsync(100, "EUR"), await shop.ProductAsync(100, "USD"));
        var contactId = Shop.NewContactId();
        var before = await shop.CartAsync(contactId, (euro, 1));

        await RpcAssert.PreconditionAsync("CURRENCY_MISMATCH",
            () => host.Carts.AddCartItemAsync(new AddCartItemRequest { ContactId = contactId, Sku = dollar.Sku, Quantity = 1 }).ResponseAsync);

        Assert.Equal(before, (await host.Carts.GetCartAsync(new GetCartRequest { ContactId = contactId })).Cart);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Unknown_and_inactive_products_are_refused_without_creating_a_cart(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var inactive = await shop.ProductAsync();
        await host.Catalogue.UpdateProductAsync(new UpdateProductRequest
        {
            Product = new Product { Sku = inactive.Sku, Active = false },
            UpdateMask = new FieldMask { Paths = { "active" } },
        });
        var contactId = Shop.NewContactId();

        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => host.Carts.AddCartItemAsync(new AddCartItemRequest { ContactId = contactId, Sku = Shop.NewSku("unknown"), Quantity = 1 }).ResponseAsync);
        await RpcAssert.PreconditionAsync("PRODUCT_INACTIVE",
            () => host.Carts.AddCartItemAsync(new AddCartItemRequest { ContactId = contactId, Sku = inactive.Sku, Quantity = 1 }).ResponseAsync);

        Assert.Equal("", (await host.Carts.GetCartAsync(new GetCartRequest { ContactId = contactId })).Cart.Id);
        Assert.Equal(0, await host.QueryAsync(db => db.Carts.CountAsync(c => c.ContactId == Guid.Parse(contactId))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(10_001)]
    public async Task Zero_negative_or_oversized_quantities_fail_with_a_field_violation(int quantity)
    {
        var host = await infrastructure.SharedHostAsync("Sqlite");
        var product = await new Shop(host).ProductAsync();

        await RpcAssert.InvalidFieldAsync("quantity",
            () => host.Carts.AddCartItemAsync(new AddCartItemRequest { ContactId = Shop.NewContactId(), Sku = product.Sku, Quantity = quantity }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("quantity",
            () => host.Carts.UpdateCartItemAsync(new UpdateCartItemRequest { ContactId = Shop.NewContactId(), Sku = product.Sku, Quantity = quantity }).ResponseAsync);
    }

    [Fact]
    public async Task A_malformed_contact_id_fails_with_a_field_violation()
    {
        var host = await infrastructure.SharedHostAsync("Sqlite");

        await RpcAssert.InvalidFieldAsync("contact_id", () => host.Carts.GetCartAsync(new GetCartRequest { ContactId = "ann" }).ResponseAsync);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Concurrent_adds_for_one_contact_share_one_cart_and_lose_no_units(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var product = await new Shop(host).ProductAsync(100);
        var contactId = Shop.NewContactId();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            host.Carts.AddCartItemAsync(new AddCartItemRequest { ContactId = contactId, Sku = product.Sku, Quantity = 1 }).ResponseAsync));

        var cart = (await host.Carts.GetCartAsync(new GetCartRequest { ContactId = contactId })).Cart;
        Assert.Equal(5, Assert.Single(cart.Items).Quantity);
        Assert.Equal(1, await host.QueryAsync(db => db.Carts.CountAsync(c => c.ContactId == Guid.Parse(contactId))));
    }
}
