using System.Collections.Concurrent;
using System.Threading.Channels;
using Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Snapshots;

/// <summary>This replica's open WatchCustomerSnapshot streams, fed by Redis pub/sub and by this replica's own writes.</summary>
public sealed class SnapshotWatchers
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Channel<CustomerSnapshot>, byte>> watchers = new();

    /// <summary>A feed of snapshots of one contact; dispose the subscription to stop it.</summary>
    public Subscription Watch(string contactId)
    {
        // Bounded with drop-oldest: a slow watcher loses intermediate versions, never the newest.
        var channel = Channel.CreateBounded<CustomerSnapshot>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
        watchers.GetOrAdd(contactId, _ => new()).TryAdd(channel, 0);
        return new Subscription(channel.Reader, () =>
        {
            if (watchers.TryGetValue(contactId, out var set))
            {
                set.TryRemove(channel, out _);
            }
        });
    }

    public void Publish(CustomerSnapshot snapshot)
    {
        if (watchers.TryGetValue(snapshot.ContactId, out var set))
        {
            // Enumerated in place: Keys would take every lock of the set and copy it, on each of the consumer's writes.
            foreach (var (channel, _) in set)
            {
                channel.Writer.TryWrite(snapshot);
            }
        }
    }

    /// <summary>One watcher's feed.</summary>
    public sealed class Subscription(ChannelReader<CustomerSnapshot> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<CustomerSnapshot> Reader => reader;

        public void Dispose() => unsubscribe();
    }
}
