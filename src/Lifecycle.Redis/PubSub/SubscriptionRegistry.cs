using System.Collections.Concurrent;

namespace Lifecycle.Redis.PubSub;

/// <summary>Handlers per channel or pattern; copy-on-write so the reader dispatches without locking.</summary>
internal sealed class SubscriptionRegistry
{
    private readonly ConcurrentDictionary<RedisChannel, Action<RedisChannel, RedisValue>[]> _handlers = new();
    private readonly Lock _writeLock = new();

    public IReadOnlyCollection<RedisChannel> Channels => [.. _handlers.Keys];

    /// <summary>Adds a handler; true when it is the channel's first, i.e. the server must be told.</summary>
    public bool Add(RedisChannel channel, Action<RedisChannel, RedisValue> handler)
    {
        lock (_writeLock)
        {
            var existing = _handlers.GetValueOrDefault(channel, []);
            _handlers[channel] = [.. existing, handler];
            return existing.Length == 0;
        }
    }

    public void Remove(RedisChannel channel, Action<RedisChannel, RedisValue> handler)
    {
        lock (_writeLock)
        {
            var remaining = _handlers.GetValueOrDefault(channel, []).Where(h => h != handler).ToArray();
            if (remaining.Length == 0)
            {
                _handlers.TryRemove(channel, out _);
            }
            else
            {
                _handlers[channel] = remaining;
            }
        }
    }

    public void RemoveAll(RedisChannel channel) => _handlers.TryRemove(channel, out _);

    public Action<RedisChannel, RedisValue>[] HandlersFor(RedisChannel channel) => _handlers.GetValueOrDefault(channel, []);
}
