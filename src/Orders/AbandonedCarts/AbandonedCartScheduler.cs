using Microsoft.Extensions.Options;

namespace Lifecycle.Orders.AbandonedCarts;

/// <summary>Runs the abandoned-cart sweep every scan interval on the injected clock; every replica may run it safely.</summary>
public sealed class AbandonedCartScheduler(IServiceScopeFactory scopes, IOptions<OrdersOptions> options, TimeProvider time, ILogger<AbandonedCartScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.AbandonedCartScanInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AbandonedCartSweep>().RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be migrating or briefly unreachable; the next tick tries again.
                logger.LogWarning(e, "Abandoned-cart sweep failed");
            }
        }
    }
}
