using System.Collections.Concurrent;
using Lifecycle.Messaging.Configuration;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Lifecycle.Messaging.Outbox;

/// <summary>One <see cref="EventRoute"/> per outbox type name, built on first use from the bus's publish topology.</summary>
internal sealed class EventRoutes(IBus bus, IOptions<MessagingOptions> options)
{
    private readonly ConcurrentDictionary<string, EventRoute> byName = new(StringComparer.Ordinal);

    public EventRoute For(string messageType) =>
        byName.TryGetValue(messageType, out var route) ? route : byName.GetOrAdd(messageType, Create);

    private EventRoute Create(string messageType) =>
        EventRoute.For(EventTypes.Resolve(messageType), bus.Topology.PublishTopology as IRabbitMqPublishTopology
            ?? throw new InvalidOperationException("The outbox relay publishes to RabbitMQ: the bus must use the RabbitMQ transport"),
            HostAddress(AmqpAddress.Parse(options.Value.ConnectionString)));

    /// <summary>MassTransit's form of the broker address: rabbitmq://host[:port]/[vhost/].</summary>
    private static string HostAddress(AmqpAddress address)
    {
        var port = address.Port == 5672 ? "" : $":{address.Port}";
        var vhost = address.VirtualHost == "/" ? "" : Uri.EscapeDataString(address.VirtualHost) + "/";
        return $"rabbitmq://{address.Host}{port}/{vhost}";
    }
}
