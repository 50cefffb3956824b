using Lifecycle.Messaging.Configuration;
using RabbitMQ.Client;

namespace Lifecycle.Messaging.Bench;

/// <summary>
/// Deletes a scenario's queue when it ends. A durable queue left bound to the event's exchange would keep receiving
/// (and persisting) every later scenario's events with no consumer, making the broker do double work for them.
/// </summary>
public static class QueueCleanup
{
    public static async Task DeleteAsync(string amqp, string queue)
    {
        var address = AmqpAddress.Parse(amqp);
        var factory = new ConnectionFactory
        {
            HostName = address.Host,
            Port = address.Port,
            VirtualHost = address.VirtualHost,
            UserName = address.Username,
            Password = address.Password,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
    }
}
