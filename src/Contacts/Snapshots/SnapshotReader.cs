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
        try
        {
            if (await cache.GetAsync(contactId.ToString()) is { } cached)
            {
                local.Remember(cached);
                return cached;
            }
        }
        catch (RedisException e)
        {
            logger.LogDebug("Snapshot cache unavailable ({Error}); reading {ContactId} from the database", e.Message, contactId);
            return (await BuildManyAsync([contactId], cancellationToken)).SingleOrDefault();
        }
        return (await ReadThroughAsync([contactId], cancellationToken)).SingleOrDefault();
    }

    /// <summary>
    /// The snapshots of those of <paramref name="contactIds"/> that exist, in no particular order: this replica's
    /// copies, then Redis (the reads pipelined on one connection), then every miss built in one database query and
    /// written through. With Redis down, all of them come from that one query.
    /// </summary>
    public async Task<List<CustomerSnapshot>> GetManyAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken)
    {
        var found = new List<CustomerSnapshot>(contactIds.Count);
        var wanted = new List<Guid>(contactIds.Count);
        foreach (var id in contactIds)
        {
            if (local.TryGet(id) is { } copy)
            {
                found.Add(copy.Snapshot);
            }
            else
            {
                wanted.Add(id);
            }
        }
        if (wanted.Count == 0)
        {
            return found;
        }
        List<Guid> misses = [];
        try
        {
            var cached = await Task.WhenAll(wanted.Select(id => cache.GetAsync(id.ToString())));
            for (var i = 0; i < wanted.Count; i++)
            {
                if (cached[i] is { } snapshot)
                {
                    local.Remember(snapshot);
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
            found.AddRange(await BuildManyAsync(wanted, cancellationToken));
            return found;
        }
        if (misses.Count > 0)
        {
            found.AddRange(await ReadThroughAsync(misses, cancellationToken));
        }
        return found;
    }

    /// <summary>Builds cache misses from the database and writes them through (best effort: the caller has them either way).</summary>
    private async Task<List<CustomerSnapshot>> ReadThroughAsync(List<Guid> contactIds, CancellationToken cancellationToken)
    {
        var built = await BuildManyAsync(contactIds, cancellationToken);
        await Task.WhenAll(built.Select(refresher.TryCacheAsync));
        foreach (var snapshot in built)
        {
            local.Remember(snapshot);
        }
        return built;
    }

    private async Task<List<CustomerSnapshot>> BuildManyAsync(List<Guid> contactIds, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SnapshotBuilder>().BuildManyAsync(contactIds, cancellationToken);
    }
}
