using System.Threading.Channels;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Configuration;
using Lifecycle.Messaging.Persistence;
using Lifecycle.Messaging.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifecycle.Messaging.Inbox;

/// <summary>
/// Group commit for one handler's queue: the messages MassTransit is consuming concurrently are applied together in
/// one transaction (one inbox insert that also tells which are new, one commit) instead of one transaction each. Nothing waits
/// for a batch to fill: a batch is whatever arrived while the previous one was committing, so an idle queue still
/// applies a lone message at once. Handlers run one after another in the batch's DbContext; by default each one's
/// changes are saved (not committed) before the next runs, so every handler sees the earlier ones' effects as in
/// one-by-one processing (<see cref="InboxBatchSaving"/>).
/// If anything in the batch fails, the transaction rolls back and every delivery is processed on its own by its
/// consumer: only a failing message is retried and dead-lettered, and the inbox still makes each effect happen once.
/// </summary>
public sealed class InboxBatcher<TDbContext, TEvent, THandler>(
    IServiceScopeFactory scopes,
    InboxConsumerName<THandler> name,
    InboxBatchPolicy<THandler> policy,
    SqliteWriteGate gate,
    TimeProvider time,
    IOptions<MessagingOptions> options,
    ILogger<InboxBatcher<TDbContext, TEvent, THandler>> logger) : IDisposable
    where TDbContext : DbContext
    where TEvent : IntegrationEvent
    where THandler : class, IIntegrationEventHandler<TEvent>
{
    private readonly Channel<InboxDelivery<TEvent>> pending = Channel.CreateUnbounded<InboxDelivery<TEvent>>(
        new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource stopping = new();
    private readonly int maxBatchSize = options.Value.InboxBatchSize;
    private readonly int maxAppliers = options.Value.InboxBatchAppliers;
    private readonly Lock starting = new();
    private Task? applier;

    internal bool Enabled => maxBatchSize > 1;

    /// <summary>Queues a delivery for the next batch and returns how it ended.</summary>
    internal Task<InboxOutcome> ApplyAsync(InboxDelivery<TEvent> delivery)
    {
        lock (starting)
        {
            applier ??= StartApplier();
        }
        if (!pending.Writer.TryWrite(delivery))
        {
            delivery.Complete(InboxOutcome.ProcessAlone); // shutting down
        }
        return delivery.Outcome;
    }

    private Task StartApplier()
    {
        // SQLite has one writer: parallel batches would only queue on the write gate, each smaller than one batch.
        var appliers = IsSqlite() ? 1 : maxAppliers;
        // The first consumer's ExecutionContext (its Activity above all) must not become every later batch's context.
        using (ExecutionContext.SuppressFlow())
        {
            return Task.WhenAll(Enumerable.Range(0, appliers).Select(_ => Task.Run(() => RunAsync(stopping.Token))));
        }
    }

    private bool IsSqlite()
    {
        using var scope = scopes.CreateScope();
        return SqliteWriteGate.IsSqlite(scope.ServiceProvider.GetRequiredService<TDbContext>());
    }

    /// <summary>One applier: takes whatever is pending (up to the batch size), applies it, repeats.</summary>
    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var batch = new List<InboxDelivery<TEvent>>(maxBatchSize);
        try
        {
            while (await pending.Reader.WaitToReadAsync(cancellationToken))
            {
                while (batch.Count < maxBatchSize && pending.Reader.TryRead(out var delivery))
                {
                    batch.Add(delivery);
                }
                await ApplyBatchAsync(batch, cancellationToken);
                batch.Clear();
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed (possibly mid-batch, with the container going away): whatever is left is handed back below.
        }
        foreach (var delivery in batch)
        {
            delivery.Complete(InboxOutcome.ProcessAlone);
        }
        while (pending.Reader.TryRead(out var delivery))
        {
            delivery.Complete(InboxOutcome.ProcessAlone);
        }
    }

    private async Task ApplyBatchAsync(List<InboxDelivery<TEvent>> batch, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var fresh = await CommitAsync(batch, cancellationToken);
            MessagingTelemetry.InboxBatchSize.Record(batch.Count);
            MessagingTelemetry.InboxBatchDuration.Record(time.GetElapsedTime(started).TotalMilliseconds);
            foreach (var delivery in batch)
            {
                delivery.Complete(fresh.Contains(delivery) ? InboxOutcome.Applied : InboxOutcome.AlreadyProcessed);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            MessagingTelemetry.InboxBatchesRolledBack.Add(1);
            logger.LogDebug(e, "{Consumer}: batch of {Count} rolled back; processing its messages one by one", name.Value, batch.Count);
            foreach (var delivery in batch)
            {
                delivery.Complete(InboxOutcome.ProcessAlone);
            }
        }
    }

    /// <summary>Applies the batch's new messages in one transaction and returns them; the rest were already applied.</summary>
    private async Task<HashSet<InboxDelivery<TEvent>>> CommitAsync(List<InboxDelivery<TEvent>> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        // A redelivery that arrives while its original is in the same batch is acknowledged once the original commits.
        var candidates = batch.DistinctBy(d => d.MessageId).ToList();
        // One savepoint per SaveChanges would cost two statements each and buy nothing: any failure rolls back the batch.
        db.Database.AutoSavepointsEnabled = false;
        HashSet<InboxDelivery<TEvent>> fresh;
        // SQLite: one inbox transaction at a time in this process (see SqliteWriteGate); other providers pass.
        using (await gate.EnterAsync(db, cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // One statement records the batch and tells which messages are new: those already in the inbox are skipped.
            // Ids in a fixed order, so two PostgreSQL appliers meeting the same redelivered ids wait for each other
            // instead of deadlocking (each would hold one row the other needs).
            var ids = candidates.ConvertAll(d => d.MessageId);
            ids.Sort();
            var inserted = await InboxInsert.InsertNewAsync(db, name.Value, ids, time.GetUtcNow().UtcDateTime, cancellationToken);
            var applying = candidates.FindAll(d => inserted.Contains(d.MessageId));
            fresh = applying.ToHashSet();
            if (applying.Count > 0)
            {
                await ApplyAsync(scope.ServiceProvider, db, applying, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        if (fresh.Count < batch.Count)
        {
            logger.LogInformation("{Consumer} acknowledges {Count} already processed messages without effect", name.Value, batch.Count - fresh.Count);
        }
        return fresh;
    }

    /// <summary>Runs the handlers of the batch's new messages in its scope and saves their changes (not committed).</summary>
    private async Task ApplyAsync(IServiceProvider services, TDbContext db, List<InboxDelivery<TEvent>> applying, CancellationToken cancellationToken)
    {
        var handler = services.GetRequiredService<THandler>();
        var saveEach = policy.Saving == InboxBatchSaving.AfterEachMessage;
        if (services.GetService<IIntegrationEventBatchPreparer<TEvent>>() is { } preparer)
        {
            await preparer.PrepareAsync(applying.ConvertAll(d => d.Message), cancellationToken);
        }
        foreach (var delivery in applying)
        {
            using var activity = MessagingTelemetry.StartConsume(name.Value, delivery.TraceParent, delivery.TraceState);
            await handler.HandleAsync(delivery.Message, cancellationToken);
            if (saveEach)
            {
                // Saved (not committed) before the next handler runs, so it sees this one's effect as it would one by one.
                await SaveDetectingOnceAsync(db, cancellationToken);
            }
        }
        if (!saveEach)
        {
            await SaveDetectingOnceAsync(db, cancellationToken);
        }
    }

    /// <summary>
    /// Saves with one change detection: SaveChanges detects changes itself, and every SaveChanges interceptor that
    /// enumerates <c>ChangeTracker.Entries</c> (a service's snapshot or cache interceptors) would scan
    /// everything the batch tracks once more. Interceptors may read entries here but must not change entities' values
    /// (they may write entries themselves in the batch's transaction and mark them unchanged: docs/messaging.md).
    /// </summary>
    private static async Task SaveDetectingOnceAsync(TDbContext db, CancellationToken cancellationToken)
    {
        var tracker = db.ChangeTracker;
        var autoDetect = tracker.AutoDetectChangesEnabled;
        tracker.DetectChanges();
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    // The token source is not disposed: the applier may still be observing its token while it winds down.
    public void Dispose()
    {
        // Closed first: a delivery written after this falls back to processing alone instead of waiting on an applier
        // that has already stopped; everything written before is still drained and completed by the applier.
        pending.Writer.TryComplete();
        stopping.Cancel();
    }
}
