using System.Collections.Concurrent;
using System.Diagnostics;
using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Redis;
using Microsoft.Extensions.Options;

namespace Lifecycle.Contacts.Snapshots;

/// <summary>
/// This replica's copy of recently read snapshots in front of Redis, as ready GetCustomerSnapshot responses, so a hot
/// contact's reads cost no Redis round trip. Kept current by the same feeds as the watchers (this replica's writes and
/// the "snapshot-changed" announcements of every replica), newest version wins. An announcement lost while the
/// subscription reconnects cannot be noticed, so every entry also expires after Contacts:SnapshotLocalCacheTtl (1 s by
/// default): the bound on how stale a read can be. While the subscription is down the copy is dropped and bypassed.
/// </summary>
public sealed class SnapshotLocalCache(ISubscriber subscriber, IOptions<ContactsOptions> options)
{
    /// <summary>Bounds memory: beyond this many contacts, expired entries are swept and new ones wait for room.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<Guid, Entry> entries = new();
    private readonly TimeSpan ttl = options.Value.SnapshotLocalCacheTtl;

    public GetCustomerSnapshotResponse? TryGet(Guid contactId)
    {
        if (ttl <= TimeSpan.Zero || !entries.TryGetValue(contactId, out var entry))
        {
            return null;
        }
        if (!subscriber.IsConnected)
        {
            entries.Clear();
            return null;
        }
        return Stopwatch.GetElapsedTime(entry.StoredAt) < ttl ? entry.Response : null;
    }

    /// <summary>Keeps <paramref name="snapshot"/> unless a newer version is already here (ignored while announcements cannot arrive).</summary>
    public void Offer(CustomerSnapshot snapshot)
    {
        if (ttl <= TimeSpan.Zero || !subscriber.IsConnected || !Guid.TryParse(snapshot.ContactId, out var id))
        {
            return;
        }
        if (entries.Count >= MaxEntries && !entries.ContainsKey(id) && !SweepExpired())
        {
            return;
        }
        var offered = new Entry(snapshot.Version, new GetCustomerSnapshotResponse { Snapshot = snapshot }, Stopwatch.GetTimestamp());
        // An equal version is rebuilt from the same data: refreshing its age keeps a hot contact out of Redis.
        entries.AddOrUpdate(id, offered, (_, current) => current.Version > offered.Version ? current : offered);
    }

    /// <summary>Removes expired entries; true when that made room.</summary>
    private bool SweepExpired()
    {
        foreach (var (id, entry) in entries)
        {
            if (Stopwatch.GetElapsedTime(entry.StoredAt) >= ttl)
            {
                entries.TryRemove(id, out _);
            }
        }
        return entries.Count < MaxEntries;
    }

    /// <remarks>StoredAt is a Stopwatch timestamp: the expiry is real elapsed time, not the business clock.</remarks>
    private sealed record Entry(long Version, GetCustomerSnapshotResponse Response, long StoredAt);
}
