using System.Collections.Concurrent;
using MassTransit;

namespace Lifecycle.Messaging.Tests.Infrastructure;

/// <summary>Counts every delivery MassTransit hands to a consumer, duplicates included, by message id.</summary>
public sealed class DeliveryLog : IConsumeObserver
{
    private readonly ConcurrentDictionary<Guid, int> deliveries = new();

    public int DeliveriesOf(Guid messageId) => deliveries.GetValueOrDefault(messageId);

    public int Total => deliveries.Values.Sum();

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (context.MessageId is { } id)
        {
            deliveries.AddOrUpdate(id, 1, (_, n) => n + 1);
        }
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
