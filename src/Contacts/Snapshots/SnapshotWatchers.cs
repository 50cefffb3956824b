using System.Collections.Concurrent;
using System.Threading.Channels;
using Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Snapshots;

/// <summary>
/// This replica's open WatchCustomerSnapshot streams, fed by Redis pub/sub and by this replica's own writes. Every
/// version published reaches the replica's local copy before any watcher hears of it, so a Get here that follows what a
/// watcher was told is never answered from an older copy.
/// </summary>
public sealed class SnapshotWatchers(SnapshotLocalCache local)
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

    /// <summary>Offers <paramref name="snapshot"/> to the local copy, then tells the contact's watchers.</summary>
    public void Publish(CustomerSnapshot snapshot)
    {
        local.Offer(snapshot);
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
