using Lifecycle.Messaging.Configuration;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Lifecycle.Messaging.DeadLetters;

/// <summary>
/// Lists and replays the _error queue of one consumer queue ("orders.order-paid" → "orders.order-paid_error").
/// Listing peeks without consuming (messages are returned with requeue); replay republishes a message to its
/// queue with broker confirms and only then removes it from _error, so a crash duplicates rather than loses.
/// </summary>
public sealed class DeadLetterQueue(string connectionString)
{
    public const string ErrorSuffix = "_error";
    private const ushort NotFound = 404;

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(string queue, int max = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        if (!await ExistsAsync(connection, queue + ErrorSuffix, cancellationToken))
        {
            return [];
        }
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var letters = new List<DeadLetter>();
        ulong lastTag = 0;
        while (letters.Count < max && await channel.BasicGetAsync(queue + ErrorSuffix, autoAck: false, cancellationToken) is { } message)
        {
            letters.Add(FaultHeaders.Describe(message.BasicProperties, message.Body.Length));
            lastTag = message.DeliveryTag;
        }
        if (lastTag > 0)
        {
            await channel.BasicNackAsync(lastTag, multiple: true, requeue: true, cancellationToken);
        }
        return letters;
    }

    /// <summary>Moves dead letters back to the queue: the one with messageId, or all of them when it is null.</summary>
    public async Task<int> ReplayAsync(string queue, string? messageId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        if (!await ExistsAsync(connection, queue + ErrorSuffix, cancellationToken))
        {
            return 0;
        }
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        var depth = (await channel.QueueDeclarePassiveAsync(queue + ErrorSuffix, cancellationToken)).MessageCount;
        var replayed = 0;
        var skipped = new List<ulong>();
        // Bounded by the depth seen at start, so messages that fail again while we work are not replayed twice.
        for (var i = 0; i < depth && await channel.BasicGetAsync(queue + ErrorSuffix, autoAck: false, cancellationToken) is { } message; i++)
        {
            if (messageId is not null && message.BasicProperties.MessageId != messageId)
            {
                skipped.Add(message.DeliveryTag);
                continue;
            }
            var properties = new BasicProperties(message.BasicProperties) { Headers = FaultHeaders.WithoutFault(message.BasicProperties.Headers) };
            // The default exchange routes by queue name: straight back to the consumer's queue, no other subscriber.
            await channel.BasicPublishAsync("", queue, mandatory: true, properties, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            replayed++;
        }
        foreach (var tag in skipped)
        {
            await channel.BasicNackAsync(tag, multiple: false, requeue: true, cancellationToken);
        }
        return replayed;
    }

    /// <summary>
    /// MassTransit declares a _error queue only when it first dead-letters a message: until then there is nothing to
    /// list or replay. Checked on a channel of its own, because RabbitMQ closes the channel of a failed passive declare.
    /// </summary>
    private static async Task<bool> ExistsAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        await using var probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await probe.QueueDeclarePassiveAsync(queue, cancellationToken);
            return true;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == NotFound)
        {
            return false;
        }
    }

    private Task<IConnection> ConnectAsync(CancellationToken cancellationToken) =>
        AmqpAddress.Parse(connectionString).CreateConnectionFactory("lifecycle-dead-letters").CreateConnectionAsync(cancellationToken);
}
