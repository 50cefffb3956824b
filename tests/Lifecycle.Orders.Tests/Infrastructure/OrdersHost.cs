using Grpc.Net.Client;
using Lifecycle.Contracts.Orders.V1;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Orders.Data;
using Lifecycle.ServiceDefaults.Data;
using Lifecycle.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Orders.Tests.Infrastructure;

/// <summary>
/// The real Orders service (same wiring as Program.cs) on Kestrel at a free loopback port, against a fresh SQLite
/// file or PostgreSQL database and real RabbitMQ; clients speak gRPC over HTTP/2 through our channel.
/// </summary>
public sealed class OrdersHost(WebApplication app, GrpcChannel channel, TestDirectory? directory) : IAsyncDisposable
{
    public IServiceProvider Services => app.Services;

    public CatalogueService.CatalogueServiceClient Catalogue { get; } = new(channel);

    public CartsService.CartsServiceClient Carts { get; } = new(channel);

    public OrdersService.OrdersServiceClient Orders { get; } = new(channel);

    public PaymentsService.PaymentsServiceClient Payments { get; } = new(channel);

    public RefundsService.RefundsServiceClient Refunds { get; } = new(channel);

    public RecommendationsService.RecommendationsServiceClient Recommendations { get; } = new(channel);

    public static async Task<OrdersHost> StartAsync(
        OrdersInfrastructure infrastructure, string provider, Action<WebApplicationBuilder>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var (connectionString, directory) = await NewDatabaseAsync(infrastructure, provider);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "Lifecycle.Orders", EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
            ["Database:Provider"] = provider,
            ["ConnectionStrings:ordersdb"] = connectionString,
            ["ConnectionStrings:messaging"] = infrastructure.RabbitMq.ConnectionString,
            ["Orders:PageTokenKey"] = "test-page-token-key-0123456789",
            ["Orders:AbandonedCartScanEnabled"] = "false",
            ["Messaging:Outbox:PollInterval"] = "00:00:00.200",
            ["Messaging:Outbox:MinBackoff"] = "00:00:00.200",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapApplicationEndpoints();
        await app.StartAsync();
        await app.Services.GetRequiredService<MigrationStatus<OrdersDbContext>>().Migrated.WaitAsync(TimeSpan.FromSeconds(60));
        return new OrdersHost(app, GrpcChannel.ForAddress(app.Urls.Single()), directory);
    }

    private static async Task<(string ConnectionString, TestDirectory? Directory)> NewDatabaseAsync(OrdersInfrastructure infrastructure, string provider)
    {
        if (provider == "Postgres")
        {
            return (await infrastructure.Postgres.CreateDatabaseAsync($"orders_{Guid.NewGuid():N}"), null);
        }
        var directory = new TestDirectory("orders-db");
        return ($"Data Source={Path.Combine(directory.Path, "orders.db")}", directory);
    }

    /// <summary>A fresh DbContext for reading what the service stored.</summary>
    public async Task<T> QueryAsync<T>(Func<OrdersDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<OrdersDbContext>());
    }

    /// <summary>Event type names (without namespace) staged for one aggregate, in publication order.</summary>
    public async Task<List<string>> OutboxEventsAsync(string aggregateId)
    {
        var types = await QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.AggregateId == aggregateId).OrderBy(m => m.Sequence).Select(m => m.MessageType).ToListAsync());
        return types.Select(t => t[(t.LastIndexOf('.') + 1)..]).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        channel.Dispose();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
        directory?.Dispose();
    }
}
