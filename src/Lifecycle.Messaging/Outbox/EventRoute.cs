using System.Reflection;
using System.Text.Json;
using MassTransit;
using MassTransit.RabbitMqTransport.Topology;

namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// Where and as what the relay publishes one event type, exactly as MassTransit's publish topology would: the exchange
/// of the type (its entity name formatter: "Lifecycle.Contracts.Events:OrderPaid", fanout, durable), the exchanges of
/// the types it implements (IntegrationEvent) bound to it, and the envelope's messageType list naming all of them.
/// </summary>
internal sealed class EventRoute
{
    private EventRoute(Type type, string exchange, BrokerTopology topology, string[] messageTypeNames, string destinationAddress)
    {
        Type = type;
        Exchange = exchange;
        DestinationAddress = destinationAddress;
        Topology = topology;
        MessageTypeJson = JsonSerializer.SerializeToUtf8Bytes(messageTypeNames);
    }

    public Type Type { get; }

    /// <summary>The exchange the event is published to; consumers of the type bind their queues' exchanges to it.</summary>
    public string Exchange { get; }

    /// <summary>Exchanges and exchange-to-exchange bindings to declare (idempotently) before the first publish.</summary>
    public BrokerTopology Topology { get; }

    /// <summary>The envelope's "messageType" array as UTF-8 JSON: ["urn:message:Lifecycle.Contracts.Events:OrderPaid", …].</summary>
    public byte[] MessageTypeJson { get; }

    /// <summary>The envelope's "destinationAddress": rabbitmq://host:port/vhost/exchange, as MassTransit writes it.</summary>
    public string DestinationAddress { get; }

    public static EventRoute For(Type type, IRabbitMqPublishTopology publishTopology, string hostAddress) =>
        (EventRoute)typeof(EventRoute).GetMethod(nameof(ForType), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type)
            .Invoke(null, [publishTopology, hostAddress])!;

    private static EventRoute ForType<T>(IRabbitMqPublishTopology publishTopology, string hostAddress)
        where T : class
    {
        var topology = publishTopology.GetMessageTopology<T>();
        var exchange = topology.Exchange.ExchangeName;
        return new EventRoute(typeof(T), exchange, topology.GetBrokerTopology(), MessageTypeCache<T>.MessageTypeNames, hostAddress + exchange);
    }
}
