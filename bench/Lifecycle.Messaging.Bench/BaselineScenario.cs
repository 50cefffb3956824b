using Lifecycle.Contracts.Events;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Messaging.Bench;

/// <summary>Consumes without touching a database: the baseline's consumer.</summary>
public sealed class BaselineConsumer : IConsumer<OrderPaid>
{
    public Task Consume(ConsumeContext<OrderPaid> context) => Task.CompletedTask;
}

/// <summary>
/// The baseline: plain MassTransit on the same broker, same load shape, same consumer queue settings, but no outbox
/// and no inbox. Each producer publishes with a publisher confirm, as a request handler would without an outbox.
/// </summary>
public static class BaselineScenario
{
    public static async Task<BenchResult> RunAsync(string amqp, BenchSettings settings)
    {
        var address = Configuration.AmqpAddress.Parse(amqp);
        var queue = $"bench-baseline-{Guid.NewGuid():N}"[..24];
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Benchmark" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LatencyRecorder>();
        builder.Services.AddSingleton<StageCounters>();
        builder.Services.AddConsumeObserver(sp => sp.GetRequiredService<LatencyRecorder>());
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddConsumer<BaselineConsumer>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(address.Host, address.Port, address.VirtualHost, host =>
                {
                    host.Username(address.Username);
                    host.Password(address.Password);
                    host.PublisherConfirmation = true;
                });
                rabbit.ReceiveEndpoint(queue, endpoint =>
                {
                    endpoint.PrefetchCount = settings.PrefetchCount;
                    endpoint.ConcurrentMessageLimit = settings.ConcurrentMessageLimit;
                    endpoint.ConfigureConsumer<BaselineConsumer>(context);
                });
            });
        });
        using var host = builder.Build();
        await host.StartAsync();
        var bus = host.Services.GetRequiredService<IBus>();

        var counters = host.Services.GetRequiredService<StageCounters>();
        var result = await Scenario.MeasureAsync("baseline (MassTransit, no outbox/inbox)", counters, settings, async (dueAt, count) =>
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(_ => bus.Publish(Scenario.NewEvent(dueAt))));
            counters.OnPublished(count);
        });
        await host.StopAsync();
        await QueueCleanup.DeleteAsync(amqp, queue);
        return result;
    }
}
