using Grpc.Core;
using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Contracts.Orders.V1;
using Lifecycle.Redis;

namespace Lifecycle.SystemTests;

/// <summary>A customer's first purchases, through the public APIs of orders and contacts, as a frontend sees them.</summary>
[Collection(SystemCollection.Name)]
public sealed class PurchaseFlowTests(SystemFixture system)
{
    private const long UnitPriceMinor = 1250;

    [Fact]
    public async Task Paid_orders_move_the_contact_to_Purchase_then_Retention_and_the_snapshot_shows_the_revenue()
    {
        var contactId = await CreateContactAsync();
        var sku = await CreateProductAsync();
        using var watch = system.Client<SnapshotService.SnapshotServiceClient>("contacts")
            .WatchCustomerSnapshot(new WatchCustomerSnapshotRequest { ContactId = contactId }, deadline: DateTime.UtcNow.AddMinutes(2));
        var watched = StartCollecting(watch.ResponseStream);

        await BuyAsync(contactId, sku, quantity: 2);
        var afterFirst = await SnapshotWhenAsync(contactId, s => s.Stage == "purchase", "the first paid order to reach the snapshot");
        await BuyAsync(contactId, sku, quantity: 1);
        var afterSecond = await SnapshotWhenAsync(contactId, s => s.Stage == "retention", "the second paid order to reach the snapshot");

        Assert.Equal(2 * UnitPriceMinor, afterFirst.Value.RevenueMinor);
        Assert.Equal(3 * UnitPriceMinor, afterSecond.Value.RevenueMinor);
        Assert.Equal("EUR", afterSecond.Value.Currency);

        // The watcher saw every version in order, the purchase among them, up to the newest.
        var seen = await Eventually.MatchesAsync(() => Task.FromResult(watched.ToArray()), s => s.Length > 0 && s[^1].Version == afterSecond.Version, "the watcher to see the newest version");
        Assert.Equal(seen.Select(s => s.Version).Order(), seen.Select(s => s.Version));
        Assert.Equal(seen.Length, seen.Select(s => s.Version).Distinct().Count());
        Assert.Contains(seen, s => s.Stage == "purchase");

        // Redis holds the newest version (the cache the snapshot reads are served from).
        await using var redis = await RedisConnection.ConnectAsync(system.Harness.Url("cache", "tcp").Replace("tcp://", "", StringComparison.Ordinal));
        var cached = await redis.GetDatabase().GetWithVersionAsync($"snapshot:{contactId}");
        Assert.Equal(afterSecond.Version, cached?.Version);
    }

    private async Task<string> CreateContactAsync()
    {
        var contacts = system.Client<ContactsService.ContactsServiceClient>("contacts");
        var created = await contacts.CreateContactAsync(new CreateContactRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            Contact = new Contact { Email = $"ada-{Guid.NewGuid():N}@example.com", Profile = new Profile { GivenName = "Ada", FamilyName = "Lovelace" } },
        });
        return created.Contact.Id;
    }

    private async Task<string> CreateProductAsync()
    {
        var sku = $"beans-{Guid.NewGuid():N}"[..20];
        await system.Client<CatalogueService.CatalogueServiceClient>("orders").CreateProductAsync(new CreateProductRequest
        {
            Product = new Product { Sku = sku, Name = "Single origin beans", Category = "coffee", Active = true, Price = new Money { AmountMinor = UnitPriceMinor, CurrencyCode = "EUR" } },
        });
        return sku;
    }

    private async Task BuyAsync(string contactId, string sku, int quantity)
    {
        var cart = await system.Client<CartsService.CartsServiceClient>("orders")
            .AddCartItemAsync(new AddCartItemRequest { ContactId = contactId, Sku = sku, Quantity = quantity });
        var order = (await system.Client<OrdersService.OrdersServiceClient>("orders")
            .CheckoutAsync(new CheckoutRequest { RequestId = Guid.NewGuid().ToString(), CartId = cart.Cart.Id })).Order;
        var paid = await system.Client<PaymentsService.PaymentsServiceClient>("orders")
            .ConfirmPaymentAsync(new ConfirmPaymentRequest { OrderId = order.Id, PaymentId = Guid.NewGuid().ToString(), Amount = order.Total });
        Assert.Equal(OrderStatus.Paid, paid.Order.Status);
    }

    private Task<CustomerSnapshot> SnapshotWhenAsync(string contactId, Func<CustomerSnapshot, bool> done, string what)
    {
        var snapshots = system.Client<SnapshotService.SnapshotServiceClient>("contacts");
        return Eventually.MatchesAsync(
            async () => (await snapshots.GetCustomerSnapshotAsync(new GetCustomerSnapshotRequest { ContactId = contactId })).Snapshot,
            done,
            what);
    }

    private static System.Collections.Concurrent.ConcurrentQueue<CustomerSnapshot> StartCollecting(IAsyncStreamReader<WatchCustomerSnapshotResponse> stream)
    {
        var seen = new System.Collections.Concurrent.ConcurrentQueue<CustomerSnapshot>();
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var update in stream.ReadAllAsync())
                {
                    seen.Enqueue(update.Snapshot);
                }
            }
            catch (RpcException)
            {
                // The watch ends when the test disposes the call; what it saw is what the assertions read.
            }
        });
        return seen;
    }
}
