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
                local.Offer(cached);
                return cached;
            }
        }
        catch (RedisException e)
        {
            logger.LogDebug("Snapshot cache unavailable ({Error}); reading {ContactId} from the database", e.Message, contactId);
            return await BuildAsync(contactId, cancellationToken);
        }
        var built = await BuildAsync(contactId, cancellationToken);
        if (built is not null)
        {
            await refresher.TryCacheAsync(built);
            local.Offer(built);
        }
        return built;
    }

    private async Task<CustomerSnapshot?> BuildAsync(Guid contactId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SnapshotBuilder>().BuildAsync(contactId, cancellationToken);
    }
}
