using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lifecycle.Messaging.Configuration;

/// <summary>Collects a service's event handlers; each gets its own queue "&lt;service&gt;.&lt;handler&gt;" and inbox.</summary>
public sealed class MessagingBuilder<TDbContext>(string serviceName, IServiceCollection services)
    where TDbContext : DbContext
{
    internal List<HandlerRegistration> Handlers { get; } = [];

    public string ServiceName => serviceName;

    /// <param name="concurrentMessageLimit">Overrides Messaging:ConcurrentMessageLimit for this queue.</param>
    /// <param name="batchSaving">How an inbox batch of this queue saves; the default is right for every handler.</param>
    public MessagingBuilder<TDbContext> AddHandler<THandler, TEvent>(
        int? concurrentMessageLimit = null, InboxBatchSaving batchSaving = InboxBatchSaving.AfterEachMessage)
        where THandler : class, IIntegrationEventHandler<TEvent>
        where TEvent : IntegrationEvent
    {
        var queue = QueueNames.For(serviceName, typeof(THandler));
        if (Handlers.Any(h => h.QueueName == queue))
        {
            throw new InvalidOperationException($"Two handlers map to queue '{queue}'; give them distinct names");
        }
        services.AddScoped<THandler>();
        services.AddSingleton(new InboxConsumerName<THandler>(queue));
        services.AddSingleton(new InboxBatchPolicy<THandler>(batchSaving));
        services.AddSingleton<InboxBatcher<TDbContext, TEvent, THandler>>();
        Handlers.Add(new HandlerRegistration(typeof(InboxConsumer<TDbContext, TEvent, THandler>), queue, concurrentMessageLimit));
        return this;
    }

    /// <summary>
    /// SQLite services: the DbContext's own write transactions (and SaveChanges) queue in process behind the same
    /// <see cref="SqliteWriteGate"/> as the relay and the inbox, instead of colliding with them in SQLite's busy
    /// handler. No effect on other providers. See <see cref="SqliteWriteGateInterceptor"/>.
    /// </summary>
    public MessagingBuilder<TDbContext> SerializeSqliteWrites()
    {
        services.TryAddSingleton<SqliteWriteGate>();
        services.TryAddSingleton(provider => new SqliteWriteGateInterceptor(provider.GetRequiredService<SqliteWriteGate>()));
        services.ConfigureDbContext<TDbContext>((provider, options) =>
            options.AddInterceptors(provider.GetRequiredService<SqliteWriteGateInterceptor>()).AddDbContextReturnHook());
        return this;
    }
}
