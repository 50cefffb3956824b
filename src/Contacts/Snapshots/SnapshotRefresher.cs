using System.Collections.Concurrent;
using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Redis;

namespace Lifecycle.Contacts.Snapshots;

/// <summary>
/// Rebuilds snapshots after committed changes and writes them through to Redis, then to this replica's local copy and
/// watchers, in that order: a watcher told of version V is sure to get V or newer from a Get on this replica. A write
/// Redis refuses (down, timeout) leaves the contact in a repair set that SnapshotRepair retries; until a write
/// succeeds, reads of that contact go to the database (<see cref="NeedsRepair"/>), since Redis may hold an older
/// version than the watchers were told.
/// </summary>
public sealed class SnapshotRefresher(IServiceScopeFactory scopes, SnapshotCache cache, SnapshotWatchers watchers, ILogger<SnapshotRefresher> logger)
{
    // Each contact with the number of its latest failure: a write settles only the failures it read the database
    // after, so a concurrent newer failure of the same contact is not cleared by an older version's success.
    private readonly ConcurrentDictionary<Guid, long> needsRepair = new();
    private long failures;

    public bool HasPendingRepairs => !needsRepair.IsEmpty;

    /// <summary>True while the contact's cached snapshot may be older than the database (a failed write or rebuild).</summary>
    /// <remarks>No IsEmpty guard: on an empty dictionary it takes every lock, and empty is the normal state; ContainsKey takes none.</remarks>
    public bool NeedsRepair(Guid contactId) => needsRepair.ContainsKey(contactId);

    public async Task RefreshAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken)
    {
        // Taken before the rebuild reads the database: what it writes is at least as new as these failures' versions.
        var settles = PendingRepairsOf(contactIds);
        List<CustomerSnapshot> snapshots;
        await using (var scope = scopes.CreateAsyncScope())
        {
            snapshots = await scope.ServiceProvider.GetRequiredService<SnapshotBuilder>().BuildManyAsync(contactIds, cancellationToken);
        }
        // Pipelined on the shared connection: a batch costs about one round trip, not one per contact.
        await Task.WhenAll(snapshots.Select(snapshot => WriteThroughAsync(snapshot, settles)));
        SettleMissing(settles, snapshots);
        // Only once Redis has the version (or, if the write failed, reads go to the database); Publish brings the
        // local copy up to it before telling the watchers.
        foreach (var snapshot in snapshots)
        {
            watchers.Publish(snapshot);
        }
    }

    /// <summary>
    /// Rebuilds and writes the contacts whose write or rebuild failed; they stay in the set until that succeeds. A
    /// batch whose rebuild fails is retried in halves, so one contact that can never be rebuilt does not keep every
    /// other marked contact on the database with it; the ones that fail alone are logged. Called by one loop at a time.
    /// </summary>
    public async Task RepairAsync(CancellationToken cancellationToken)
    {
        var pass = new RepairPass();
        await RepairBatchAsync([.. needsRepair.Keys], pass, cancellationToken);
        if (pass.Failures >= RepairPass.MaxFailures)
        {
            logger.LogWarning(pass.LastError, "Snapshot repair pass gave up after {Failures} failed rebuilds; the next pass retries", pass.Failures);
        }
    }

    /// <summary>Leaves contacts whose rebuild failed (e.g. the database was busy) to the next repair pass.</summary>
    public void ScheduleRepair(IEnumerable<Guid> contactIds)
    {
        foreach (var id in contactIds)
        {
            MarkStale(id);
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

    private async Task WriteThroughAsync(CustomerSnapshot snapshot, Dictionary<Guid, long> settles)
    {
        var id = Guid.Parse(snapshot.ContactId);
        try
        {
            // Not stored (false) means Redis already holds this version or a newer one: settled all the same.
            await cache.WriteAsync(snapshot);
            if (settles.TryGetValue(id, out var failure))
            {
                needsRepair.TryRemove(KeyValuePair.Create(id, failure));
            }
        }
        catch (RedisException e)
        {
            MarkStale(id);
            logger.LogWarning("Snapshot write-through of {ContactId} failed ({Error}); will retry", id, e.Message);
        }
    }

    private async Task RepairBatchAsync(List<Guid> contactIds, RepairPass pass, CancellationToken cancellationToken)
    {
        if (pass.Failures >= RepairPass.MaxFailures)
        {
            return;
        }
        try
        {
            await RefreshAsync(contactIds, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            pass.Failures++;
            pass.LastError = e;
            if (contactIds.Count == 1)
            {
                logger.LogWarning(e, "Snapshot rebuild of {ContactId} keeps failing; it stays marked and is read from the database", contactIds[0]);
                return;
            }
            var half = contactIds.Count / 2;
            await RepairBatchAsync(contactIds.GetRange(0, half), pass, cancellationToken);
            await RepairBatchAsync(contactIds.GetRange(half, contactIds.Count - half), pass, cancellationToken);
        }
    }

    /// <summary>Settles the failures of contacts the rebuild did not find: nothing to write, nothing stale to read.</summary>
    private void SettleMissing(Dictionary<Guid, long> settles, List<CustomerSnapshot> snapshots)
    {
        if (settles.Count == 0)
        {
            return;
        }
        // One set, not a scan of the snapshots per failure: a repair pass settles up to all its contacts at once.
        var built = snapshots.Select(s => s.ContactId).ToHashSet();
        foreach (var (id, failure) in settles)
        {
            if (!built.Contains(id.ToString()))
            {
                needsRepair.TryRemove(KeyValuePair.Create(id, failure));
            }
        }
    }

    private void MarkStale(Guid contactId) => needsRepair[contactId] = Interlocked.Increment(ref failures);

    private Dictionary<Guid, long> PendingRepairsOf(IReadOnlyCollection<Guid> contactIds)
    {
        var pending = new Dictionary<Guid, long>();
        // TryGetValue is lock-free; an IsEmpty guard would take every lock of the dictionary on each refresh.
        foreach (var id in contactIds)
        {
            if (needsRepair.TryGetValue(id, out var failure))
            {
                pending[id] = failure;
            }
        }
        return pending;
    }

    /// <summary>What one repair pass has been through.</summary>
    private sealed class RepairPass
    {
        /// <summary>
        /// With the database down every batch fails, and halving them all down to single contacts would cost about two
        /// queries per marked contact each second: the pass stops after this many failures instead. A contact that
        /// fails alone costs about log2(marked) of them, and the contacts cleared meanwhile leave the next pass smaller.
        /// </summary>
        public const int MaxFailures = 32;

        public int Failures { get; set; }

        public Exception? LastError { get; set; }
    }
}
