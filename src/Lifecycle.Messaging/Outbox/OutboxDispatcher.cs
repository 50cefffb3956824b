using Lifecycle.Messaging.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// Relays one DbContext's outbox to RabbitMQ: runs a pass when a commit signals new rows or the poll interval
/// passes, keeps going while batches come back full, and backs off while the database fails. Pruning runs on its own
/// loop (<see cref="OutboxPruningService{TDbContext}"/>), so a long prune never delays a pass.
/// While batches come back full, a batch is marked sent in the background as the next one is claimed and published,
/// so the broker is not left idle during the database round trips; at most one batch is marking at a time.
/// </summary>
internal sealed class OutboxDispatcher<TDbContext>(
    OutboxDispatchPass<TDbContext> pass,
    OutboxSignal<TDbContext> signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var consecutiveFaults = 0;
        (PublishedBatch Batch, Task Done)? marking = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = settings.PollInterval;
                try
                {
                    var batch = await pass.PublishNextAsync(marking?.Batch, stoppingToken);
                    await SettleAsync(marking, orDiscard: batch);
                    marking = null;
                    var result = batch?.Result ?? default;
                    if (batch is not null)
                    {
                        marking = (batch, pass.MarkAsync(batch, stoppingToken));
                    }
                    consecutiveFaults = 0;
                    if (result.Claimed == settings.BatchSize && result.Sent > 0)
                    {
                        continue; // more rows are waiting: publish the next batch while this one is marked
                    }
                    if (result.Claimed == settings.BatchSize && result.Failed == 0)
                    {
                        // Nothing sent and nothing failed: every row of a full claim was held back behind a row this
                        // dispatcher had not known of. Now that it does, the next claim leaves them out and reaches the
                        // rows that can go, without a poll wait.
                        continue;
                    }
                    await SettleAsync(marking, orDiscard: null);
                    marking = null;
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
                    // A batch still marking ends before the next pass; if it fails too, its rows stay unsent and go again.
                    await SettleQuietlyAsync(marking);
                    marking = null;
                    consecutiveFaults++;
                    wait = Backoff.For(consecutiveFaults, settings.MinBackoff, settings.MaxBackoff);
                    logger.LogError(e, "Outbox pass for {DbContext} failed ({Faults} in a row); retrying in {Delay}",
                        typeof(TDbContext).Name, consecutiveFaults, wait);
                }
                await signal.WaitAsync(wait, time, stoppingToken);
            }
        }
        finally
        {
            await SettleQuietlyAsync(marking);
        }
    }

    /// <summary>
    /// Waits for the batch marking in the background. If that failed, the batch published since is given up too (its
    /// PostgreSQL transaction rolled back, its rows unsent and relayed again: duplicates the inbox absorbs), because
    /// its claim skipped and held what the failed batch would have marked.
    /// </summary>
    private static async Task SettleAsync((PublishedBatch Batch, Task Done)? marking, PublishedBatch? orDiscard)
    {
        try
        {
            await (marking?.Done ?? Task.CompletedTask);
        }
        catch
        {
            if (orDiscard is not null)
            {
                await orDiscard.DisposeAsync();
            }
            throw;
        }
    }

    private static async Task SettleQuietlyAsync((PublishedBatch Batch, Task Done)? marking)
    {
        try
        {
            await (marking?.Done ?? Task.CompletedTask);
        }
        catch (Exception)
        {
            // Failed or cancelled while marking: its rows stay unsent and are relayed again (the inbox drops duplicates).
        }
    }
}
