namespace Lifecycle.Contacts.Lifecycle;

/// <summary>
/// Runs a periodic pass every interval on the one replica holding the pass's lease row (see SchedulerLeases), so
/// time-based work is safe with several replicas. Each pass runs in its own DI scope.
/// </summary>
public abstract class LeasedScheduler(IServiceScopeFactory scopes, TimeProvider time, ILogger logger) : BackgroundService
{
    private readonly string holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>The lease row's name; one per kind of pass.</summary>
    protected abstract string LeaseName { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>One pass; returns how many things it changed (for the log).</summary>
    protected abstract Task<int> RunPassAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Interval;
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                // The lease outlives one interval so a slow pass is not joined by another replica.
                if (await scope.ServiceProvider.GetRequiredService<SchedulerLeases>().TryClaimAsync(LeaseName, holder, interval * 2, stoppingToken))
                {
                    var changed = await RunPassAsync(scope.ServiceProvider, stoppingToken);
                    logger.LogInformation("{Pass} changed {Count}", LeaseName, changed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be migrating or briefly unreachable; the next tick tries again.
                logger.LogWarning(e, "{Pass} failed", LeaseName);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
