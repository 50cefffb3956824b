using Lifecycle.Contacts.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Contacts.Segments;

/// <summary>Runs the segment sweep every interval on the one replica holding the "segment-sweep" lease.</summary>
public sealed class SegmentScheduler(IServiceScopeFactory scopes, IOptions<ContactsOptions> options, TimeProvider time, ILogger<SegmentScheduler> logger)
    : BackgroundService
{
    public const string LeaseName = "segment-sweep";
    private readonly string holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SegmentSweepInterval;
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                // The lease outlives one interval so a slow pass is not joined by another replica.
                if (await scope.ServiceProvider.GetRequiredService<SchedulerLeases>().TryClaimAsync(LeaseName, holder, interval * 2, stoppingToken))
                {
                    var changed = await scope.ServiceProvider.GetRequiredService<SegmentSweep>().RunOnceAsync(stoppingToken);
                    logger.LogInformation("Segment sweep changed {Count} memberships", changed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be migrating or briefly unreachable; the next tick tries again.
                logger.LogWarning(e, "Segment sweep failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
