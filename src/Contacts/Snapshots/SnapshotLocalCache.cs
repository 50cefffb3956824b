using System.Collections.Concurrent;
using System.Diagnostics;
using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Redis;
using Microsoft.Extensions.Options;

namespace Lifecycle.Contacts.Snapshots;

/// <summary>
/// This replica's copy of recently read snapshots in front of Redis, as ready GetCustomerSnapshot responses, so a hot
/// contact's reads cost no Redis round trip. Only contacts read here get a copy (<see cref="Remember"/>, from the read
/// path); the feeds of the watchers (this replica's writes and the "snapshot-changed" announcements of every replica)
/// only keep existing copies current, newest version wins, and drop a copy nobody read for
/// <see cref="ReadIdleTtlFactor"/> × Contacts:SnapshotLocalCacheTtl. So a write-heavy load with few readers keeps
/// nothing here. An announcement lost while the subscription reconnects cannot be noticed, so every copy also goes
/// stale after Contacts:SnapshotLocalCacheTtl (1 s by default): the bound on how stale a read can be. While the
/// subscription is down the copy is dropped and bypassed. Every version is offered here before this replica's watchers
/// hear of it, and a read that a newer offer overtook does not add its older copy (<see cref="StartRead"/>): once a
/// watcher here was told version V, a Get here answers V or newer.
/// </summary>
public sealed class SnapshotLocalCache(ISubscriber subscriber, IOptions<ContactsOptions> options)
{
    /// <summary>Bounds memory: beyond this many contacts, a new one gets a copy only once an idle or stale one is swept.</summary>
    public const int MaxEntries = 10_000;

    /// <summary>A copy not read for this many local TTLs is dropped on its next update or sweep.</summary>
    public const int ReadIdleTtlFactor = 10;

    /// <summary>Offers and remembered copies of contacts are ordered per stripe of contacts (a lock and an offer count each).</summary>
    private const int StripeCount = 256;

    private readonly ConcurrentDictionary<Guid, Entry> entries = new();
    private readonly Stripe[] stripes = [.. Enumerable.Range(0, StripeCount).Select(_ => new Stripe())];
    private readonly TimeSpan ttl = options.Value.SnapshotLocalCacheTtl;
    private readonly TimeSpan readIdle = options.Value.SnapshotLocalCacheTtl * ReadIdleTtlFactor;

    // Kept beside the dictionary: ConcurrentDictionary.Count takes every lock. Counts successful adds and removes, and
    // is set from the entries a sweep sees, so a race with Clear cannot leave it off for long.
    private int count;
    private long nextSweepAt;

    /// <summary>How many contacts have a copy (approximate while writers race).</summary>
    public int Count => Volatile.Read(ref count);

    public GetCustomerSnapshotResponse? TryGet(Guid contactId)
    {
        if (ttl <= TimeSpan.Zero || !entries.TryGetValue(contactId, out var entry))
        {
            return null;
        }
        if (!subscriber.IsConnected)
        {
            Clear();
            return null;
        }
        var now = Stopwatch.GetTimestamp();
        if (Stopwatch.GetElapsedTime(entry.StoredAt, now) >= ttl)
        {
            // Stale: the caller reads Redis and remembers the answer, which replaces this copy.
            return null;
        }
        entry.MarkRead(now);
        return entry.Response;
    }

    /// <summary>
    /// Call before reading a contact's snapshot from Redis or the database, and hand the result to
    /// <see cref="Remember"/>: it tells whether a newer version was offered while the read was under way.
    /// </summary>
    public long StartRead(Guid contactId) => Volatile.Read(ref StripeOf(contactId).Offers);

    /// <summary>
    /// Keeps a copy of a snapshot just read for a caller (from Redis or the database, read after
    /// <paramref name="readStartedAt"/> = <see cref="StartRead"/>), unless a newer version is here. A contact without a
    /// copy gets none when a version was offered since the read started: that version may be newer than the one read
    /// (the read overtook its Redis write), its watchers may have been told about it already, and with no copy to
    /// compare against, this older one would be served until the local TTL ends — time going backwards for them.
    /// </summary>
    public void Remember(CustomerSnapshot snapshot, long readStartedAt)
    {
        if (ttl <= TimeSpan.Zero || !subscriber.IsConnected || !Guid.TryParse(snapshot.ContactId, out var id))
        {
            return;
        }
        var stripe = StripeOf(id);
        var now = Stopwatch.GetTimestamp();
        // Room is made before taking the stripe's lock: a sweep walks every copy, and the other contacts of the stripe
        // would wait for it. Checked again under the lock, without sweeping.
        if (!entries.ContainsKey(id) && Count >= MaxEntries && !TrySweep(now))
        {
            return;
        }
        // Under the stripe's lock, so that an Offer either comes first (and is seen here) or finds this copy to update.
        lock (stripe.Gate)
        {
            while (true)
            {
                if (entries.TryGetValue(id, out var current))
                {
                    if (current.Version > snapshot.Version)
                    {
                        current.MarkRead(now);
                        return;
                    }
                    if (entries.TryUpdate(id, new Entry(snapshot, now, now), current))
                    {
                        return;
                    }
                    continue;
                }
                if (stripe.Offers != readStartedAt || Count >= MaxEntries)
                {
                    return;
                }
                if (entries.TryAdd(id, new Entry(snapshot, now, now)))
                {
                    Interlocked.Increment(ref count);
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Updates the copy of a contact read recently to a newer (or equal: rebuilt from the same data, so its age is
    /// refreshed and a hot contact stays out of Redis) version; a contact without a copy gets none, and a copy nobody
    /// read for a while is dropped instead. Ignored while announcements cannot arrive.
    /// </summary>
    public void Offer(CustomerSnapshot snapshot)
    {
        if (ttl <= TimeSpan.Zero || !Guid.TryParse(snapshot.ContactId, out var id))
        {
            return;
        }
        var stripe = StripeOf(id);
        var connected = subscriber.IsConnected;
        lock (stripe.Gate)
        {
            // Counted whether or not a copy is here: a read under way must not add an older copy after this (Remember).
            stripe.Offers++;
            if (connected && entries.TryGetValue(id, out var current))
            {
                Update(id, current, snapshot);
            }
        }
        // Outside the stripe's lock: clearing takes every lock of the dictionary, and a removed copy is never older.
        if (!connected && entries.ContainsKey(id))
        {
            Clear();
        }
    }

    // Under the stripe's lock (Offer).
    private void Update(Guid id, Entry current, CustomerSnapshot snapshot)
    {
        var now = Stopwatch.GetTimestamp();
        if (Stopwatch.GetElapsedTime(current.ReadAt, now) >= readIdle)
        {
            Remove(id, current);
        }
        else if (current.Version <= snapshot.Version)
        {
            // Lost only to a sweep that removed the copy: the next read remembers the right one.
            entries.TryUpdate(id, new Entry(snapshot, now, current.ReadAt), current);
        }
    }

    /// <summary>Removes idle and stale copies, at most once per local TTL (a full pass); true when that made room.</summary>
    private bool TrySweep(long now)
    {
        var due = Interlocked.Read(ref nextSweepAt);
        if (now < due || Interlocked.CompareExchange(ref nextSweepAt, now + (long)(ttl.TotalSeconds * Stopwatch.Frequency), due) != due)
        {
            return false;
        }
        var kept = 0;
        foreach (var (id, entry) in entries)
        {
            if (Stopwatch.GetElapsedTime(entry.StoredAt, now) >= ttl || Stopwatch.GetElapsedTime(entry.ReadAt, now) >= readIdle)
            {
                entries.TryRemove(KeyValuePair.Create(id, entry));
            }
            else
            {
                kept++;
            }
        }
        Volatile.Write(ref count, kept);
        return kept < MaxEntries;
    }

    private void Remove(Guid id, Entry entry)
    {
        if (entries.TryRemove(KeyValuePair.Create(id, entry)))
        {
            Interlocked.Decrement(ref count);
        }
    }

    private void Clear()
    {
        entries.Clear();
        Volatile.Write(ref count, 0);
    }

    private Stripe StripeOf(Guid contactId) => stripes[(contactId.GetHashCode() & int.MaxValue) % StripeCount];

    private sealed class Stripe
    {
        public readonly Lock Gate = new();

        /// <summary>How many snapshots of this stripe's contacts were offered; written under <see cref="Gate"/>.</summary>
        public long Offers;
    }

    /// <remarks>StoredAt and ReadAt are Stopwatch timestamps: expiry is real elapsed time, not the business clock.</remarks>
    private sealed class Entry(CustomerSnapshot snapshot, long storedAt, long readAt)
    {
        private long readAt = readAt;

        public long Version { get; } = snapshot.Version;

        public GetCustomerSnapshotResponse Response { get; } = new() { Snapshot = snapshot };

        public long StoredAt { get; } = storedAt;

        public long ReadAt => Volatile.Read(ref readAt);

        /// <summary>A plain store: readers racing here all write about the same time, and any of them will do.</summary>
        public void MarkRead(long now) => Volatile.Write(ref readAt, now);
    }
}
