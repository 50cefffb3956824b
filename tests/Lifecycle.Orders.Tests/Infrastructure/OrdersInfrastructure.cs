using Lifecycle.Testing;

namespace Lifecycle.Orders.Tests.Infrastructure;

/// <summary>
/// Real PostgreSQL and RabbitMQ, started once for every service test, plus one shared Orders host per provider for
/// tests that only touch their own contacts, carts and SKUs (each test makes unique ones).
/// </summary>
public sealed class OrdersInfrastructure : IAsyncLifetime
{
    private readonly Dictionary<string, Task<OrdersHost>> shared = [];

    public PostgresFixture Postgres { get; } = new();

    public RabbitMqFixture RabbitMq { get; } = new();

    public Task InitializeAsync() => Task.WhenAll(Postgres.InitializeAsync(), RabbitMq.InitializeAsync());

    /// <summary>The shared host on <paramref name="provider"/>, started on first use.</summary>
    public Task<OrdersHost> SharedHostAsync(string provider)
    {
        lock (shared)
        {
            if (!shared.TryGetValue(provider, out var host))
            {
                shared[provider] = host = OrdersHost.StartAsync(this, provider);
            }
            return host;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var host in shared.Values)
        {
            await (await host).DisposeAsync();
        }
        await Task.WhenAll(Postgres.DisposeAsync(), RabbitMq.DisposeAsync());
    }
}

/// <summary>Service tests share one set of servers.</summary>
[CollectionDefinition(Name)]
public sealed class OrdersCollection : ICollectionFixture<OrdersInfrastructure>
{
    public const string Name = "orders-infrastructure";
}
