using Lifecycle.Contacts.Snapshots;
using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Redis;
using Microsoft.Extensions.Options;

namespace Lifecycle.Contacts.Tests.Snapshots;

/// <summary>The local copy keeps only contacts read here, newest version first, and stays bounded.</summary>
public sealed class SnapshotLocalCacheBoundsTests
{
    [Fact]
    public void A_written_or_announced_snapshot_nobody_read_here_gets_no_copy()
    {
        var cache = NewCache(TimeSpan.FromMinutes(1));
        var id = Guid.NewGuid();

        cache.Offer(Snapshot(id, 3));

        Assert.Null(cache.TryGet(id));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void A_read_contact_follows_newer_versions_and_never_goes_back_to_an_older_one()
    {
        var cache = NewCache(TimeSpan.FromMinutes(1));
        var id = Guid.NewGuid();
        Remember(cache, id, 3);

        cache.Offer(Snapshot(id, 5));
        cache.Offer(Snapshot(id, 4));
        Remember(cache, id, 2);

        Assert.Equal(5, cache.TryGet(id)?.Snapshot.Version);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Beyond_the_bound_a_new_contact_gets_a_copy_only_once_idle_ones_are_swept()
    {
        var cache = NewCache(TimeSpan.FromSeconds(1));
        for (var i = 0; i < SnapshotLocalCache.MaxEntries; i++)
        {
            Remember(cache, Guid.NewGuid(), 1);
        }
        Assert.Equal(SnapshotLocalCache.MaxEntries, cache.Count);
        var late = Guid.NewGuid();

        // Every copy is fresh: no room, and the sweep that found none is not repeated on every call.
        Remember(cache, late, 1);
        Assert.Null(cache.TryGet(late));
        Assert.Equal(SnapshotLocalCache.MaxEntries, cache.Count);

        // Once stale, the next sweep clears them and the new contact gets its copy.
        Thread.Sleep(TimeSpan.FromSeconds(1.2));
        Remember(cache, late, 1);
        Assert.Equal(1, cache.Count);
        Assert.Equal(1, cache.TryGet(late)?.Snapshot.Version);
    }

    [Fact]
    public void A_copy_nobody_reads_any_more_is_dropped_by_its_next_update()
    {
        var cache = NewCache(TimeSpan.FromMilliseconds(20));
        var id = Guid.NewGuid();
        Remember(cache, id, 1);

        Thread.Sleep(TimeSpan.FromMilliseconds(20 * SnapshotLocalCache.ReadIdleTtlFactor + 50));
        cache.Offer(Snapshot(id, 2));

        Assert.Equal(0, cache.Count);
        Assert.Null(cache.TryGet(id));
    }

    [Fact]
    public void A_read_overtaken_by_a_newer_version_leaves_no_older_copy_behind()
    {
        var cache = NewCache(TimeSpan.FromMinutes(1));
        var id = Guid.NewGuid();

        // A Get read version 3 from Redis; before it kept its copy, version 4 was written and offered (the watchers
        // are told next). With no copy to compare against, keeping 3 would answer 3 after a watcher saw 4.
        var readStartedAt = cache.StartRead(id);
        cache.Offer(Snapshot(id, 4));
        cache.Remember(Snapshot(id, 3), readStartedAt);

        Assert.Null(cache.TryGet(id));
        Assert.Equal(0, cache.Count);

        // The next read, started after the offer, keeps its copy.
        Remember(cache, id, 4);
        Assert.Equal(4, cache.TryGet(id)?.Snapshot.Version);
    }

    /// <summary>A read with nothing offered in between: its copy is kept.</summary>
    private static void Remember(SnapshotLocalCache cache, Guid id, long version) => cache.Remember(Snapshot(id, version), cache.StartRead(id));

    private static SnapshotLocalCache NewCache(TimeSpan ttl) =>
        new(new ConnectedSubscriber(), Options.Create(new ContactsOptions { PageTokenKey = "0123456789abcdef", SnapshotLocalCacheTtl = ttl }));

    private static CustomerSnapshot Snapshot(Guid id, long version) => new() { ContactId = id.ToString(), Version = version, Stage = "awareness" };

    /// <summary>Announcements flowing: the cache serves copies only while this is so (the drop on disconnect is covered end to end).</summary>
    private sealed class ConnectedSubscriber : ISubscriber
    {
        public bool IsConnected => true;

        public Task SubscribeAsync(RedisChannel channel, Action<RedisChannel, RedisValue> handler) => Task.CompletedTask;

        public Task UnsubscribeAsync(RedisChannel channel) => Task.CompletedTask;
    }
}
