namespace Lifecycle.Redis;

/// <summary>Pub/sub on a dedicated connection; subscriptions survive reconnects without caller action.</summary>
public interface ISubscriber
{
    /// <summary>True while the subscription connection is up.</summary>
    bool IsConnected { get; }

    /// <summary>
    /// SUBSCRIBE (or PSUBSCRIBE for a pattern) and call <paramref name="handler"/> with (channel, message) for each
    /// message, in order, on the connection's reader: keep handlers short and hand long work off.
    /// Completes once the server confirmed the subscription.
    /// </summary>
    Task SubscribeAsync(RedisChannel channel, Action<RedisChannel, RedisValue> handler);

    /// <summary>Removes every handler of <paramref name="channel"/> and unsubscribes on the server.</summary>
    Task UnsubscribeAsync(RedisChannel channel);
}
