using Lifecycle.Messaging.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// Prunes one DbContext's outbox and inbox every <see cref="OutboxOptions.PruneInterval"/> (first at start), on its own
/// loop beside the dispatcher: a prune of a large backlog is many chunks, and a chunk may wait on a lock (a row another
/// transaction holds, or SQLite's write gate while another writer has it); run between relay passes it held up relaying for all of
/// that. A failed prune is logged and retried at the next interval; the rows it left are still past retention then.
/// </summary>
internal sealed class OutboxPruningService<TDbContext>(
    OutboxPruner<TDbContext> pruner,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxPruningService<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start: ExecuteAsync runs synchronously up to its first await, and the first prune is due now.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pruner.PruneAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Pruning the outbox and inbox of {DbContext} failed; retrying in {Interval}",
                    typeof(TDbContext).Name, options.Value.PruneInterval);
            }
            try
            {
                await Task.Delay(options.Value.PruneInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
