using Lifecycle.Messaging.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// Relays one DbContext's outbox to RabbitMQ: runs a pass when a commit signals new rows or the poll interval
/// passes, keeps going while batches come back full, backs off while the database fails, and prunes old rows.
/// </summary>
internal sealed class OutboxDispatcher<TDbContext>(
    OutboxDispatchPass<TDbContext> pass,
    OutboxPruner<TDbContext> pruner,
    OutboxSignal<TDbContext> signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var nextPrune = time.GetUtcNow();
        var consecutiveFaults = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = settings.PollInterval;
            try
            {
                var result = await pass.RunAsync(stoppingToken);
                consecutiveFaults = 0;
                if (result.Claimed == settings.BatchSize && result.Sent > 0)
                {
                    continue; // more rows are waiting: no reason to sleep
                }
                if (time.GetUtcNow() >= nextPrune)
                {
                    await pruner.PruneAsync(stoppingToken);
                    nextPrune = time.GetUtcNow() + settings.PruneInterval;
                }
                if (result.Sent == 0 && result.Failed > 0)
                {
                    // Nothing got through (typically the broker is down): wake on the poll interval only, not on
                    // every commit, or each commit would start a pass that fails again and rewrites the rows.
                    await Task.Delay(wait, time, stoppingToken);
                    continue;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                consecutiveFaults++;
                wait = Backoff.For(consecutiveFaults, settings.MinBackoff, settings.MaxBackoff);
                logger.LogError(e, "Outbox pass for {DbContext} failed ({Faults} in a row); retrying in {Delay}",
                    typeof(TDbContext).Name, consecutiveFaults, wait);
            }
            await signal.WaitAsync(wait, time, stoppingToken);
        }
    }
}
