using Lifecycle.Messaging.Configuration;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lifecycle.Messaging;

/// <summary>
/// One call per service: MassTransit on RabbitMQ (ConnectionStrings:messaging), a queue with retry and inbox per
/// handler, the outbox publisher, its dispatcher, and a readiness health check.
/// </summary>
public static class MessagingExtensions
{
    public const string ConnectionStringName = "messaging";
    public const string HealthCheckName = "messaging";

    public static IHostApplicationBuilder AddMessaging<TDbContext>(
        this IHostApplicationBuilder builder, string serviceName, Action<MessagingBuilder<TDbContext>>? configure = null)
        where TDbContext : DbContext
    {
        var services = builder.Services;
        services.AddOptions<MessagingOptions>()
            .Bind(builder.Configuration.GetSection(MessagingOptions.SectionName))
            .Configure(o => o.ConnectionString = builder.Configuration.GetConnectionString(ConnectionStringName) ?? o.ConnectionString)
            .ValidateDataAnnotations()
            .Validate(o => o.ConnectionString.Length == 0 || IsAmqp(o.ConnectionString),
                "ConnectionStrings:messaging must look like amqp://user:pass@host:port/vhost")
            .ValidateOnStart();
        services.AddOptions<OutboxOptions>()
            .Bind(builder.Configuration.GetSection(OutboxOptions.SectionName))
            .ValidateDataAnnotations()
            // The pruner's own loop waits this long between prunes: zero would run prune after prune without a pause.
            .Validate(o => o.PruneInterval > TimeSpan.Zero, "Messaging:Outbox:PruneInterval must be positive")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteWriteGate>();

        services.AddHostedService<DbContextOptionsLifetimeCheck<TDbContext>>();
        AddOutbox<TDbContext>(services);
        var messaging = new MessagingBuilder<TDbContext>(serviceName, services);
        configure?.Invoke(messaging);
        AddMassTransit(services, messaging);
        if (builder.Configuration.GetValue($"{OutboxOptions.SectionName}:{nameof(OutboxOptions.DispatcherEnabled)}", true))
        {
            services.AddHostedService<OutboxDispatcher<TDbContext>>();
            services.AddHostedService<OutboxPruningService<TDbContext>>();
        }
        return builder;
    }

    private static void AddOutbox<TDbContext>(IServiceCollection services)
        where TDbContext : DbContext
    {
        services.AddSingleton<OutboxSignal<TDbContext>>();
        services.AddSingleton<OutboxCommitMarks<TDbContext>>();
        services.AddSingleton<OutboxCommitInterceptor<TDbContext>>();
        // The return hook clears the interceptors' and the write gate's per-context state when a context's use ends.
        services.ConfigureDbContext<TDbContext>((provider, options) =>
            options.AddInterceptors(provider.GetRequiredService<OutboxCommitInterceptor<TDbContext>>()).AddDbContextReturnHook());
        services.AddScoped<IEventPublisher, OutboxEventPublisher<TDbContext>>();
        services.AddSingleton<EventRoutes>();
        services.AddSingleton<OutboxBrokerChannel>();
        services.AddSingleton<OutboxRelay>();
        services.AddSingleton<OutboxDispatchPass<TDbContext>>();
        services.AddSingleton<OutboxPruner<TDbContext>>();
    }

    private static void AddMassTransit<TDbContext>(IServiceCollection services, MessagingBuilder<TDbContext> messaging)
        where TDbContext : DbContext
    {
        services.AddMassTransit(bus =>
        {
            foreach (var handler in messaging.Handlers)
            {
                bus.AddConsumer(handler.ConsumerType);
            }
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Name = HealthCheckName;
                health.Tags.Add("ready");
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
                var address = AmqpAddress.Parse(options.ConnectionString);
                rabbit.Host(address.Host, address.Port, address.VirtualHost, host =>
                {
                    host.Username(address.Username);
                    host.Password(address.Password);
                    // The bus publishes only faults and moves to _error queues (the outbox relay has its own confirm
                    // channel): those too count only once the broker confirmed them.
                    host.PublisherConfirmation = true;
                });
                foreach (var handler in messaging.Handlers)
                {
                    rabbit.ReceiveEndpoint(handler.QueueName, endpoint =>
                    {
                        endpoint.PrefetchCount = options.PrefetchCount;
                        endpoint.ConcurrentMessageLimit = handler.ConcurrentMessageLimit ?? options.ConcurrentMessageLimit;
                        endpoint.UseMessageRetry(retry => retry.Exponential(
                            options.RetryLimit, options.RetryMinInterval, options.RetryMaxInterval, options.RetryIntervalDelta));
                        endpoint.ConfigureConsumer(context, handler.ConsumerType);
                    });
                }
            });
        });
    }

    private static bool IsAmqp(string connectionString)
    {
        try
        {
            AmqpAddress.Parse(connectionString);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
