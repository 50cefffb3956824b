using Microsoft.Extensions.Options;

namespace Lifecycle.Contacts.Lifecycle;

/// <summary>Runs the inactivity sweep every interval on the one replica holding the "inactivity-sweep" lease.</summary>
public sealed class InactivityScheduler(IServiceScopeFactory scopes, IOptions<ContactsOptions> options, TimeProvider time, ILogger<InactivityScheduler> logger)
    : BackgroundService
{
    public const string LeaseName = "inactivity-sweep";
    private readonly string holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.InactivitySweepInterval;
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                // The lease outlives one interval so a slow pass is not joined by another replica.
                if (await scope.ServiceProvider.GetRequiredService<SchedulerLeases>().TryClaimAsync(LeaseName, holder, interval * 2, stoppingToken))
                {
                    var moved = await scope.ServiceProvider.GetRequiredService<InactivitySweep>().RunOnceAsync(stoppingToken);
                    logger.LogInformation("Inactivity sweep moved {Count} contacts", moved);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be migrating or briefly unreachable; the next tick tries again.
                logger.LogWarning(e, "Inactivity sweep failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
