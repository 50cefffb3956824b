using Lifecycle.Contacts.Segments;

namespace Lifecycle.Contacts.Snapshots;

/// <summary>
/// Drains <see cref="CommittedChangeQueue"/> in batches: one query rebuilds a batch's snapshots, their Redis writes
/// are pipelined, and segments are re-evaluated for the batch at once. On shutdown, whatever is queued is still done.
/// </summary>
public sealed class CommittedChangeWorker(CommittedChangeQueue queue, SnapshotRefresher snapshots, SegmentRefresher segments, ILogger<CommittedChangeWorker> logger)
    : BackgroundService
{
    public const int BatchSize = 256;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await RefreshAsync(await queue.TakeAsync(BatchSize, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            while (queue.TryTake(BatchSize) is { Count: > 0 } batch)
            {
                await RefreshAsync(batch);
            }
        }
    }

    private async Task RefreshAsync(List<Guid> contactIds)
    {
        // The changes are committed: nothing here may be cancelled halfway, or the cache would stay behind the database.
        try
        {
            await snapshots.RefreshAsync(contactIds, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            snapshots.ScheduleRepair(contactIds);
            logger.LogWarning(e, "Snapshot rebuild of {Count} contact(s) failed; the repair pass retries it", contactIds.Count);
        }
        await segments.RefreshAsync(contactIds, CancellationToken.None);
    }
}
