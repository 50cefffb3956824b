using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Configuration;
using Lifecycle.Messaging.Outbox;
using Lifecycle.ServiceDefaults.Data;
using MassTransit;
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
    private const string DatabaseName = "benchdb";

    /// <param name="provider">"sqlite" or "postgres".</param>
    public static async Task<BenchResult> RunAsync(string provider, string connectionString, string amqp, BenchSettings settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Benchmark" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:messaging"] = amqp,
            ["Messaging:Outbox:BatchSize"] = "500",
        });
        builder.Configuration.AddInMemoryCollection(settings.Overrides);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // As the services register theirs: AddServiceDbContext (options built once, pooled contexts unless
        // --unpooled-contexts, Npgsql's connection defaults, SQLite's pragmas with synchronous=NORMAL as Contacts runs).
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DatabaseName}"] = connectionString,
            [ServiceDatabaseOptions.ProviderKey] = provider == "postgres" ? nameof(DatabaseProvider.Postgres) : nameof(DatabaseProvider.Sqlite),
            [ServiceDbContextExtensions.ContextPoolingKey] = settings.PooledContexts ? "true" : "false",
        });
        builder.AddServiceDbContext<BenchDbContext>(DatabaseName, sqliteSynchronous: SqliteSynchronous.Normal);
        builder.Services.AddSingleton<LatencyRecorder>();
        builder.Services.AddConsumeObserver(sp => sp.GetRequiredService<LatencyRecorder>());
        builder.Services.AddSingleton<StageCounters>();
        builder.Services.AddSingleton<IOutboxRelayObserver>(sp => sp.GetRequiredService<StageCounters>());
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        var service = $"bench-{provider}-{Guid.NewGuid():N}"[..24];
        builder.AddMessaging<BenchDbContext>(service, m =>
        {
            m.AddHandler<AppliedHandler, OrderPaid>(batchSaving: settings.BatchSaving);
            if (settings.GateProducerWrites && provider == "sqlite")
            {
                m.SerializeSqliteWrites();
            }
        });
        using var host = builder.Build();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BenchDbContext>().Database.EnsureCreatedAsync();
        }
        await host.StartAsync();
        var counters = host.Services.GetRequiredService<StageCounters>();
        var result = await MeasureAsync(provider, counters, settings, async (dueAt, count) =>
        {
            await CommitAsync(host.Services, dueAt, count);
            counters.OnCommitted(count);
        });
        await host.StopAsync();
        await QueueCleanup.DeleteAsync(amqp, QueueNames.For(service, typeof(AppliedHandler)));
        return result;
    }

    /// <summary>Warms up, then offers the load and waits until every event was applied; shared with the baseline.</summary>
    public static async Task<BenchResult> MeasureAsync(string name, StageCounters counters, BenchSettings settings, Func<DateTimeOffset, int, Task> unitOfWork)
    {
        var latencies = counters.Latencies;
        var label = name.Split(' ')[0]; // "baseline", "sqlite", "postgres": the prefix of every line this scenario prints
        await WarmUp.RunAsync(settings, unitOfWork, count => WaitForAsync(latencies, count), label);
        var warm = latencies.Count;

        using var profile = new StageProfile();
        var cpu = new ProcessTreeCpu();
        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        var jitTime = System.Runtime.JitInfo.GetCompilationTime();
        var started = TimeProvider.System.GetUtcNow();
        await using (var timeline = new StageTimeline(counters, label))
        {
            if (settings.Timeline)
            {
                timeline.Start();
            }
            await OpenLoopLoad.RunAsync(settings, unitOfWork);
            await WaitForAsync(latencies, warm + settings.Events);
        }
        if (settings.Profile)
        {
            profile.Print(label);
        }
        Console.WriteLine($"[{label}] CPU core-ms per event: {ProcessTreeCpu.Describe(cpu.Elapsed(), settings.Events)}");
        // Methods compiled while measuring: a steady state compiles next to nothing, so a large figure means either a
        // warm-up too short or code generated per call (an uncached query, a per-call expression compile).
        Console.WriteLine($"[{label}] JIT while measuring: {System.Runtime.JitInfo.GetCompiledMethodCount() - jitted} methods, " +
            $"{(System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds:F0} ms");
        var offeredSeconds = (counters.LastCommitted - started).TotalSeconds;
        var relayedSeconds = (counters.LastRelayed - started).TotalSeconds;
        var seconds = (latencies.LastApplied - started).TotalSeconds;
        return new BenchResult(name, settings.Events, offeredSeconds, relayedSeconds, seconds,
            latencies.Percentile(0.50, skip: warm), latencies.Percentile(0.95, skip: warm), latencies.Percentile(0.99, skip: warm));
    }

    public static OrderPaid NewEvent(DateTimeOffset occurredAt) => new()
    {
        AggregateId = $"order-{Guid.NewGuid():N}",
        AggregateVersion = 1,
        ContactId = "contact-1",
        AmountMinor = 4200,
        Currency = "EUR",
        OccurredAt = occurredAt,
    };

    private static async Task CommitAsync(IServiceProvider services, DateTimeOffset dueAt, int events)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
        var publisher = scope.ServiceProvider.GetRequiredService<IEventPublisher>();
        for (var i = 0; i < events; i++)
        {
            publisher.Publish(NewEvent(dueAt));
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
