using Lifecycle.Messaging.Configuration;
using Lifecycle.Messaging.Persistence;
using Lifecycle.Messaging.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// What one pass did: rows claimed, confirmed by the broker, failed (now backing off), and held back unpublished behind
/// an earlier row of their aggregate that is backing off.
/// </summary>
internal readonly record struct DispatchResult(int Claimed, int Sent, int Failed, int HeldBack);

/// <summary>
/// One relay pass: claim due rows, publish them with many broker confirms in flight (each aggregate's rows in
/// sequence), and hand back a <see cref="PublishedBatch"/> that marks the confirmed ones sent in one statement and
/// schedules retries for the failed ones, all in the claim's transaction. The dispatcher lets that marking overlap the
/// next pass, which therefore skips the rows and holds the failed aggregates of the batch still marking. A crash
/// between publish and commit leaves rows unsent: they are sent again, and inboxes drop the duplicate. The aggregates
/// found held are remembered from pass to pass (<see cref="AggregateHolds"/>), and later claims leave their rows out.
/// </summary>
internal sealed class OutboxDispatchPass<TDbContext>(
    IServiceScopeFactory scopes,
    OutboxRelay relay,
    IEnumerable<IOutboxRelayObserver> observers,
    IOptions<OutboxOptions> options,
    SqliteWriteGate gate,
    TimeProvider time,
    ILogger<OutboxDispatchPass<TDbContext>> logger)
    where TDbContext : DbContext
{
    private const int MaxErrorLength = 2000;

    private readonly AggregateHolds holds = new(options.Value.MaxBackoff);

    /// <summary>Claims and publishes the next batch; null when no row was due.</summary>
    /// <param name="marking">The previous batch, if it is still being marked.</param>
    public async Task<PublishedBatch?> PublishNextAsync(PublishedBatch? marking, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        IDbContextTransaction? transaction = null;
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
            var settings = options.Value;
            var now = time.GetUtcNow().UtcDateTime;

            // PostgreSQL: the row locks live as long as this transaction. SQLite: no transaction while publishing,
            // because its write lock would stall the service's own commits for as long as the broker takes.
            transaction = OutboxClaim.LocksRows(db) ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            var phase = time.GetTimestamp();
            // The batch still marking: its rows are skipped (PostgreSQL: still locked; SQLite would read them as unsent),
            // and its aggregates with unsent rows are held until their retry times are saved.
            var (held, heads) = holds.At(now);
            if (marking is not null)
            {
                held.UnionWith(marking.UnsentAggregates);
            }
            var claimed = await OutboxClaim.DueRowsAsync(db, settings.BatchSize, now, marking?.Sequences, held, heads, cancellationToken);
            if (claimed.Count == 0)
            {
                await DisposeAsync(transaction, scope);
                return null;
            }
            // A remembered head that is due was claimed to be retried: its aggregate's chain starts with it.
            held.ExceptWith(claimed.Where(m => heads.Contains(m.Sequence)).Select(m => m.AggregateId));
            // The claim left out only the holds this dispatcher knew of; the check in its transaction finds all of them.
            foreach (var (aggregateId, head) in await OutboxClaim.HeldAggregatesAsync(db, now, claimed.Max(m => m.Sequence), cancellationToken))
            {
                holds.Hold(aggregateId, head, now);
                held.Add(aggregateId);
            }
            var chains = claimed.Where(m => !held.Contains(m.AggregateId)).GroupBy(m => m.AggregateId, StringComparer.Ordinal);
            phase = RecordPhase("claim", phase);

            var outcome = await new OutboxPublishPipeline(relay, settings.MaxPublishesInFlight).PublishAsync(chains, cancellationToken);
            RecordPhase("publish", phase);
            ScheduleRetries(outcome.Failed, settings);
            holds.Release(outcome.Sent);
            foreach (var (row, _) in outcome.Failed)
            {
                // The failed row is its aggregate's first unsent row (a chain stops at its first failure).
                holds.Hold(row.AggregateId, row.Sequence, now);
            }
            foreach (var observer in observers)
            {
                await observer.BatchPublishedAsync(outcome.Sent, cancellationToken);
            }
            var heldBack = claimed.Count(m => held.Contains(m.AggregateId));
            return new PublishedBatch(scope, db, transaction, claimed, outcome, heldBack, gate, time);
        }
        catch
        {
            await DisposeAsync(transaction, scope);
            throw;
        }
    }

    /// <summary>Marks a published batch (see <see cref="PublishedBatch.MarkAsync"/>), records the phase and releases it.</summary>
    public async Task MarkAsync(PublishedBatch batch, CancellationToken cancellationToken)
    {
        await using (batch)
        {
            var phase = time.GetTimestamp();
            await batch.MarkAsync(cancellationToken);
            RecordPhase("mark", phase);
        }
    }

    private static async ValueTask DisposeAsync(IDbContextTransaction? transaction, AsyncServiceScope scope)
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }
        await scope.DisposeAsync();
    }

    private long RecordPhase(string name, long startedAt)
    {
        MessagingTelemetry.RelayPhaseDuration.Record(time.GetElapsedTime(startedAt).TotalMilliseconds, new KeyValuePair<string, object?>("phase", name));
        return time.GetTimestamp();
    }

    private void ScheduleRetries(IReadOnlyCollection<(OutboxMessage Row, Exception Error)> failures, OutboxOptions settings)
    {
        foreach (var (row, error) in failures)
        {
            row.Attempts++;
            row.NextAttemptAt = time.GetUtcNow().UtcDateTime + Backoff.For(row.Attempts, settings.MinBackoff, settings.MaxBackoff);
            row.LastError = error.Message.Length > MaxErrorLength ? error.Message[..MaxErrorLength] : error.Message;
        }
        if (failures.Count == 0)
        {
            return;
        }
        // One line per pass: while the broker is down every row of a batch fails the same way.
        var (first, cause) = failures.MinBy(f => f.Row.Sequence);
        logger.LogWarning("Relay of {Failed} outbox rows failed; first row {Sequence} ({MessageType}), attempt {Attempts}, retry at {NextAttemptAt}: {Error}",
            failures.Count, first.Sequence, first.MessageType, first.Attempts, first.NextAttemptAt, cause.Message);
    }
}
