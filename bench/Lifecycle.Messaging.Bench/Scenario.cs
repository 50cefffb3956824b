using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Messaging.Bench;

/// <summary>
/// One end-to-end run on one database: producers commit units of work (state + outbox row) at the offered rate,
/// the dispatcher relays to RabbitMQ, and the inbox consumer applies each event in the same service database.
/// </summary>
public static class Scenario
{
    private const int WarmUpEvents = 500;

    public static async Task<BenchResult> RunAsync(string provider, Action<DbContextOptionsBuilder> database, string amqp, BenchSettings settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Benchmark" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:messaging"] = amqp,
            ["Messaging:ConcurrentMessageLimit"] = "16",
            ["Messaging:PrefetchCount"] = "64",
            ["Messaging:Outbox:BatchSize"] = "500",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDbContext<BenchDbContext>(database);
        builder.Services.AddSingleton<LatencyRecorder>();
        builder.Services.AddConsumeObserver(sp => sp.GetRequiredService<LatencyRecorder>());
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.AddMessaging<BenchDbContext>($"bench-{provider}-{Guid.NewGuid():N}"[..24], m => m.AddHandler<AppliedHandler, OrderPaid>());
        using var host = builder.Build();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
            await db.Database.EnsureCreatedAsync();
            if (db.Database.IsSqlite())
            {
                // The production setting for a SQLite service: WAL, fsync at checkpoints rather than every commit.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
            }
        }
        await host.StartAsync();
        var latencies = host.Services.GetRequiredService<LatencyRecorder>();

        await ProduceAsync(host.Services, settings with { Events = WarmUpEvents, RatePerSecond = 0 });
        await WaitForAsync(latencies, WarmUpEvents);
        var warm = latencies.Count;

        var started = TimeProvider.System.GetUtcNow();
        await ProduceAsync(host.Services, settings);
        await WaitForAsync(latencies, warm + settings.Events);
        var seconds = (latencies.LastApplied - started).TotalSeconds;
        await host.StopAsync();
        return new BenchResult(provider, settings.Events, seconds,
            latencies.Percentile(0.50, skip: warm), latencies.Percentile(0.95, skip: warm), latencies.Percentile(0.99, skip: warm));
    }

    private static async Task ProduceAsync(IServiceProvider services, BenchSettings settings)
    {
        var commits = settings.Events / settings.EventsPerCommit;
        var interval = settings.RatePerSecond == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)settings.EventsPerCommit / settings.RatePerSecond);
        var start = TimeProvider.System.GetTimestamp();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, settings.Producers).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < commits; i = Interlocked.Increment(ref next))
            {
                // Open loop: commit i is due at start + i·interval, whatever happened to earlier ones.
                var due = interval * i - TimeProvider.System.GetElapsedTime(start);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }
                await CommitAsync(services, settings.EventsPerCommit);
            }
        }));
    }

    private static async Task CommitAsync(IServiceProvider services, int events)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
        var publisher = scope.ServiceProvider.GetRequiredService<IEventPublisher>();
        for (var i = 0; i < events; i++)
        {
            publisher.Publish(new OrderPaid
            {
                AggregateId = $"order-{Guid.NewGuid():N}",
                AggregateVersion = 1,
                ContactId = "contact-1",
                AmountMinor = 4200,
                Currency = "EUR",
                OccurredAt = TimeProvider.System.GetUtcNow(),
            });
        }
        await db.SaveChangesAsync();
    }

    private static async Task WaitForAsync(LatencyRecorder latencies, int count)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(5);
        while (latencies.Count < count)
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Only {latencies.Count} of {count} events were applied within 5 minutes");
            }
            await Task.Delay(50);
        }
    }
}
