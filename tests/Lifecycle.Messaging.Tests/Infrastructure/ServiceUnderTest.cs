using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Configuration;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.TestDispatcher.Model;
using Lifecycle.Messaging.Tests.Handlers;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Messaging.Tests.Infrastructure;

/// <summary>
/// A service host as a real service builds it (AddMessaging over its own DbContext) against real RabbitMQ and a
/// real database, with fast retry settings; lets tests commit units of work and read the consumer's effects.
/// </summary>
public sealed class ServiceUnderTest(IHost host, TestDatabase database) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    public DeliveryLog Deliveries => Services.GetRequiredService<DeliveryLog>();

    public static async Task<ServiceUnderTest> StartAsync(
        string serviceName, string messaging, TestDatabase database,
        Action<MessagingBuilder<TestDbContext>> handlers, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:messaging"] = messaging,
            ["Messaging:RetryLimit"] = "4",
            ["Messaging:RetryMinInterval"] = "00:00:00.050",
            ["Messaging:RetryMaxInterval"] = "00:00:00.400",
            ["Messaging:RetryIntervalDelta"] = "00:00:00.050",
            ["Messaging:Outbox:PublishTimeout"] = "00:00:02",
            ["Messaging:Outbox:MinBackoff"] = "00:00:00.200",
            ["Messaging:Outbox:MaxBackoff"] = "00:00:02",
            ["Messaging:Outbox:PollInterval"] = "00:00:00.500",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Pooled, as AddServiceDbContext registers a real service's context: relay, inbox and units of work rent
        // reused instances, so per-context state that outlives a rental would show here.
        builder.Services.AddDbContextPool<TestDbContext>(database.Configure);
        builder.Services.AddSingleton<AttemptCounter>();
        builder.Services.AddSingleton<PoisonSwitch>();
        builder.Services.AddSingleton<TraceCapture>();
        builder.Services.AddSingleton<DeliveryLog>();
        builder.Services.AddConsumeObserver(provider => provider.GetRequiredService<DeliveryLog>());
        services?.Invoke(builder.Services);
        // Tests publish right after start: the queues must be bound before the first event goes out.
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.AddMessaging(serviceName, handlers);

        var host = builder.Build();
        await host.StartAsync();
        return new ServiceUnderTest(host, database);
    }

    /// <summary>One unit of work: a Customer row per event plus the events through the outbox, committed or rolled back.</summary>
    public async Task CommitAsync(IReadOnlyList<IntegrationEvent> events, bool rollBack = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        var publisher = scope.ServiceProvider.GetRequiredService<IEventPublisher>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var integrationEvent in events)
        {
            db.Customers.Add(new Customer { Id = $"{integrationEvent.EventId:N}" });
            publisher.Publish(integrationEvent);
        }
        await db.SaveChangesAsync();
        if (rollBack)
        {
            await transaction.RollbackAsync();
        }
        else
        {
            await transaction.CommitAsync();
        }
    }

    public Task CommitAsync(IntegrationEvent integrationEvent) => CommitAsync([integrationEvent]);

    public async Task<List<Effect>> EffectsAsync(string consumer)
    {
        await using var db = database.CreateContext();
        return await db.Effects.AsNoTracking().Where(e => e.Consumer == consumer).ToListAsync();
    }

    public Task<List<Effect>> WaitForEffectsAsync(string consumer, int count, int timeoutSeconds = 60) =>
        Eventually.UntilAsync(() => EffectsAsync(consumer), e => e.Count >= count, TimeSpan.FromSeconds(timeoutSeconds),
            $"{count} effects of {consumer}");

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(stopping.Token);
        host.Dispose();
    }
}
