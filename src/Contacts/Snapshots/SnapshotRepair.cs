namespace Lifecycle.Contacts.Snapshots;

/// <summary>Retries failed snapshot write-throughs every second until Redis takes them.</summary>
public sealed class SnapshotRepair(SnapshotRefresher refresher, ILogger<SnapshotRepair> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!refresher.HasPendingRepairs)
            {
                continue;
            }
            try
            {
                await refresher.RepairAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Snapshot repair pass failed");
            }
        }
    }
}
