using System.Collections.Concurrent;
using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Redis;

namespace Lifecycle.Contacts.Snapshots;

/// <summary>
/// Rebuilds snapshots after committed changes and writes them through to Redis and to this replica's watchers.
/// A write Redis refuses (down, timeout) leaves the id in a repair set that SnapshotRepair retries, so a stale
/// cached version does not outlive the outage by more than a retry interval (and never past the TTL).
/// </summary>
public sealed class SnapshotRefresher(IServiceScopeFactory scopes, SnapshotCache cache, SnapshotWatchers watchers, SnapshotLocalCache local, ILogger<SnapshotRefresher> logger)
{
    private readonly ConcurrentDictionary<Guid, byte> needsRepair = new();

    public bool HasPendingRepairs => !needsRepair.IsEmpty;

    public async Task RefreshAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken)
    {
        List<CustomerSnapshot> snapshots;
        await using (var scope = scopes.CreateAsyncScope())
        {
            snapshots = await scope.ServiceProvider.GetRequiredService<SnapshotBuilder>().BuildManyAsync(contactIds, cancellationToken);
        }
        foreach (var snapshot in snapshots)
        {
            watchers.Publish(snapshot);
            local.Offer(snapshot);
        }
        // Pipelined on the shared connection: a batch costs about one round trip, not one per contact.
        await Task.WhenAll(snapshots.Select(WriteThroughAsync));
    }

    public async Task RepairAsync(CancellationToken cancellationToken)
    {
        var ids = needsRepair.Keys.ToList();
        foreach (var id in ids)
        {
            needsRepair.TryRemove(id, out _);
        }
        try
        {
            await RefreshAsync(ids, cancellationToken);
        }
        catch
        {
            // The rebuild itself failed (e.g. the database was busy): the next pass tries these contacts again.
            ScheduleRepair(ids);
            throw;
        }
    }

    /// <summary>Leaves contacts whose rebuild failed (e.g. the database was busy) to the next repair pass.</summary>
    public void ScheduleRepair(IEnumerable<Guid> contactIds)
    {
        foreach (var id in contactIds)
        {
            needsRepair.TryAdd(id, 0);
        }
    }

    /// <summary>Writes a snapshot read through from the database; failures are left to the next read.</summary>
    public async Task TryCacheAsync(CustomerSnapshot snapshot)
    {
        try
        {
            await cache.WriteAsync(snapshot);
        }
        catch (RedisException)
        {
            // Redis is down: the caller already has the snapshot from the database.
        }
    }

    private async Task WriteThroughAsync(CustomerSnapshot snapshot)
    {
        var id = Guid.Parse(snapshot.ContactId);
        try
        {
            await cache.WriteAsync(snapshot);
        }
        catch (RedisException e)
        {
            needsRepair.TryAdd(id, 0);
            logger.LogWarning("Snapshot write-through of {ContactId} failed ({Error}); will retry", id, e.Message);
        }
    }
}
