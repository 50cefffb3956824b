using Lifecycle.Contracts.Orders.V1;
using Lifecycle.Orders.AbandonedCarts;
using Lifecycle.Orders.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Orders.Tests.AbandonedCarts;

[Collection(OrdersCollection.Name)]
public sealed class AbandonedCartTests(OrdersInfrastructure infrastructure)
{
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private Task<OrdersHost> StartAsync(string provider) =>
        OrdersHost.StartAsync(infrastructure, provider, builder => builder.Services.AddSingleton<TimeProvider>(clock));

    private static async Task<int> SweepAsync(OrdersHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AbandonedCartSweep>().RunOnceAsync(CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_cart_idle_past_the_default_hour_is_reported_once_and_activity_starts_a_new_period(string provider)
    {
        await using var host = await StartAsync(provider);
        var shop = new Shop(host);
        var product = await shop.ProductAsync();
        var contactId = Shop.NewContactId();
        var cart = await shop.CartAsync(contactId, (product, 1));

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, await SweepAsync(host));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await SweepAsync(host));
        clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(0, await SweepAsync(host));
        Assert.Equal(["CartUpdated", "CartAbandoned"], await host.OutboxEventsAsync(cart.Id));

        await host.Carts.UpdateCartItemAsync(new UpdateCartItemRequest { ContactId = contactId, Sku = product.Sku, Quantity = 2 });
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, await SweepAsync(host));
        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(1, await SweepAsync(host));
        Assert.Equal(["CartUpdated", "CartAbandoned", "CartUpdated", "CartAbandoned"], await host.OutboxEventsAsync(cart.Id));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Empty_and_checked_out_carts_are_never_reported(string provider)
    {
        await using var host = await StartAsync(provider);
        var shop = new Shop(host);
        var product = await shop.ProductAsync();
        var emptiedContact = Shop.NewContactId();
        await shop.CartAsync(emptiedContact, (product, 1));
        await host.Carts.RemoveCartItemAsync(new RemoveCartItemRequest { ContactId = emptiedContact, Sku = product.Sku });
        await shop.PlacedOrderAsync(null, (product, 1));

        clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal(0, await SweepAsync(host));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Replicas_sweeping_at_once_report_each_cart_exactly_once(string provider)
    {
        await using var host = await StartAsync(provider);
        var shop = new Shop(host);
        var product = await shop.ProductAsync();
        var carts = new List<Cart>();
        for (var i = 0; i < 12; i++)
        {
            carts.Add(await shop.CartAsync(Shop.NewContactId(), (product, 1)));
        }
        clock.Advance(TimeSpan.FromHours(2));

        var reported = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SweepAsync(host)));

        Assert.Equal(carts.Count, reported.Sum());
        foreach (var cart in carts)
        {
            Assert.Single(await host.OutboxEventsAsync(cart.Id), type => type == "CartAbandoned");
        }
    }
}
