using Lifecycle.Messaging.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifecycle.Messaging.Outbox;

/// <summary>What one pass did: rows claimed, confirmed by the broker, and failed (now backing off).</summary>
internal readonly record struct DispatchResult(int Claimed, int Sent, int Failed);

/// <summary>
/// One relay pass: claim due rows, publish them (each aggregate's rows in sequence, aggregates in parallel),
/// then mark the confirmed ones sent and schedule retries for the failed ones, all in the claim's transaction.
/// A crash between publish and commit leaves rows unsent: they are sent again, and inboxes drop the duplicate.
/// </summary>
internal sealed class OutboxDispatchPass<TDbContext>(
    IServiceScopeFactory scopes,
    OutboxRelay relay,
    IEnumerable<IOutboxRelayObserver> observers,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatchPass<TDbContext>> logger)
    where TDbContext : DbContext
{
    private const int MaxErrorLength = 2000;
    private const int MaxParallelAggregates = 64;

    public async Task<DispatchResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;

        // PostgreSQL: the row locks live as long as this transaction. SQLite: no transaction while publishing,
        // because its write lock would stall the service's own commits for as long as the broker takes.
        await using var transaction = OutboxClaim.LocksRows(db)
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        var claimed = await OutboxClaim.DueRowsAsync(db, settings.BatchSize, now, cancellationToken);
        if (claimed.Count == 0)
        {
            return default;
        }
        var held = (await OutboxClaim.HeldAggregatesAsync(db, now, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var groups = claimed.Where(m => !held.Contains(m.AggregateId)).GroupBy(m => m.AggregateId, StringComparer.Ordinal);

        var sent = new List<OutboxMessage>(claimed.Count);
        var failed = 0;
        await Parallel.ForEachAsync(groups,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelAggregates, CancellationToken = cancellationToken },
            async (group, ct) =>
            {
                foreach (var row in group)
                {
                    if (!await TryPublishAsync(row, settings, ct))
                    {
                        Interlocked.Increment(ref failed);
                        return; // later rows of this aggregate wait behind the failed one
                    }
                    lock (sent)
                    {
                        sent.Add(row);
                    }
                }
            });

        foreach (var observer in observers)
        {
            await observer.BatchPublishedAsync(sent, cancellationToken);
        }
        var sentAt = time.GetUtcNow().UtcDateTime;
        foreach (var row in sent)
        {
            row.SentAt = sentAt;
        }
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return new DispatchResult(claimed.Count, sent.Count, failed);
    }

    private async Task<bool> TryPublishAsync(OutboxMessage row, OutboxOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            await relay.PublishAsync(row, cancellationToken);
            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            row.Attempts++;
            row.NextAttemptAt = time.GetUtcNow().UtcDateTime + Backoff.For(row.Attempts, settings.MinBackoff, settings.MaxBackoff);
            row.LastError = e.Message.Length > MaxErrorLength ? e.Message[..MaxErrorLength] : e.Message;
            logger.LogWarning("Relay of outbox row {Sequence} ({MessageType}) failed, attempt {Attempts}, retry at {NextAttemptAt}: {Error}",
                row.Sequence, row.MessageType, row.Attempts, row.NextAttemptAt, e.Message);
            return false;
        }
    }
}
