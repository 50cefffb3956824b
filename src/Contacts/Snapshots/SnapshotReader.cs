using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Redis;

namespace Lifecycle.Contacts.Snapshots;

/// <summary>
/// Reads snapshots from Redis, through to the database on a miss, and from the database alone while Redis is down.
/// A singleton: a cache hit touches neither a DI scope nor a DbContext; only a miss opens a scope for the builder.
/// </summary>
public sealed class SnapshotReader(SnapshotCache cache, SnapshotLocalCache local, IServiceScopeFactory scopes, SnapshotRefresher refresher, ILogger<SnapshotReader> logger)
{
    public async Task<CustomerSnapshot?> GetAsync(Guid contactId, CancellationToken cancellationToken)
    {
        if (refresher.NeedsRepair(contactId))
        {
            // Redis may hold an older version than this replica's watchers were told: the database has it.
            return await ReadDatabaseAsync(contactId, cancellationToken);
        }
        var readStartedAt = local.StartRead(contactId);
        try
        {
            if (await cache.GetAsync(contactId.ToString()) is { } cached)
            {
                local.Remember(cached, readStartedAt);
                return cached;
            }
        }
        catch (RedisException e)
        {
            logger.LogDebug("Snapshot cache unavailable ({Error}); reading {ContactId} from the database", e.Message, contactId);
            var snapshot = await ReadDatabaseAsync(contactId, cancellationToken);
            // Marked after the read: Gets here keep reading the database until a rebuild that read it later than this
            // one reaches Redis, which may not have this version yet (its write after the commit still to come).
            refresher.ScheduleRepair([contactId]);
            return snapshot;
        }
        return (await ReadThroughAsync([contactId], new() { [contactId] = readStartedAt }, cancellationToken)).SingleOrDefault();
    }

    /// <summary>
    /// The snapshots of those of <paramref name="contactIds"/> that exist, in no particular order: this replica's
    /// copies, then Redis (the reads pipelined on one connection), then every miss built in one database query and
    /// written through. With Redis down, all of them come from that one query, as do contacts awaiting repair.
    /// </summary>
    public async Task<List<CustomerSnapshot>> GetManyAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken)
    {
        var found = new List<CustomerSnapshot>(contactIds.Count);
        var wanted = new List<Guid>(contactIds.Count);
        var fromDatabase = new List<Guid>();
        foreach (var id in contactIds)
        {
            if (local.TryGet(id) is { } copy)
            {
                found.Add(copy.Snapshot);
            }
            else if (refresher.NeedsRepair(id))
            {
                fromDatabase.Add(id);
            }
            else
            {
                wanted.Add(id);
            }
        }
        if (wanted.Count > 0 && await TryReadCacheAsync(wanted, found, cancellationToken) is { } redisDown)
        {
            fromDatabase.AddRange(redisDown);
        }
        if (fromDatabase.Count > 0)
        {
            found.AddRange(await BuildManyAsync(fromDatabase, cancellationToken));
        }
        return found;
    }

    /// <summary>
    /// Adds to <paramref name="found"/> what Redis has of <paramref name="wanted"/>, and what it lacks read through;
    /// returns the ids still to read from the database when Redis is unavailable, else null.
    /// </summary>
    private async Task<List<Guid>?> TryReadCacheAsync(List<Guid> wanted, List<CustomerSnapshot> found, CancellationToken cancellationToken)
    {
        var readsStartedAt = new Dictionary<Guid, long>(wanted.Count);
        foreach (var id in wanted)
        {
            readsStartedAt[id] = local.StartRead(id);
        }
        List<Guid> misses = [];
        try
        {
            var cached = await Task.WhenAll(wanted.Select(id => cache.GetAsync(id.ToString())));
            for (var i = 0; i < wanted.Count; i++)
            {
                if (cached[i] is { } snapshot)
                {
                    local.Remember(snapshot, readsStartedAt[wanted[i]]);
                    found.Add(snapshot);
                }
                else
                {
                    misses.Add(wanted[i]);
                }
            }
        }
        catch (RedisException e)
        {
            logger.LogDebug("Snapshot cache unavailable ({Error}); reading {Count} contact(s) from the database", e.Message, wanted.Count);
            return wanted;
        }
        if (misses.Count > 0)
        {
            found.AddRange(await ReadThroughAsync(misses, readsStartedAt, cancellationToken));
        }
        return null;
    }

    /// <summary>
    /// Builds cache misses from the database and writes them through (best effort: the caller has them either way);
    /// <paramref name="readsStartedAt"/> holds <see cref="SnapshotLocalCache.StartRead"/> of each, taken before Redis was read.
    /// </summary>
    private async Task<List<CustomerSnapshot>> ReadThroughAsync(List<Guid> contactIds, Dictionary<Guid, long> readsStartedAt, CancellationToken cancellationToken)
    {
        var built = await BuildManyAsync(contactIds, cancellationToken);
        await Task.WhenAll(built.Select(refresher.TryCacheAsync));
        foreach (var snapshot in built)
        {
            local.Remember(snapshot, readsStartedAt[Guid.Parse(snapshot.ContactId)]);
        }
        return built;
    }

    /// <summary>
    /// The contact's snapshot built from the database, which may already hold a committed version that Redis and the
    /// local copy do not have yet (its write-through runs after the commit): offered to the local copy, so that a copy
    /// here is never older than what the caller (a watcher, say) is told.
    /// </summary>
    private async Task<CustomerSnapshot?> ReadDatabaseAsync(Guid contactId, CancellationToken cancellationToken)
    {
        var snapshot = (await BuildManyAsync([contactId], cancellationToken)).SingleOrDefault();
        if (snapshot is not null)
        {
            local.Offer(snapshot);
        }
        return snapshot;
    }

    private async Task<List<CustomerSnapshot>> BuildManyAsync(List<Guid> contactIds, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SnapshotBuilder>().BuildManyAsync(contactIds, cancellationToken);
    }
}
