using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
}
