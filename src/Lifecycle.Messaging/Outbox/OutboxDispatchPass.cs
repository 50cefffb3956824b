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
/// What one pass did: rows claimed, confirmed by the broker, and failed (now backing off). The rest were held back
/// unpublished behind an earlier row of their aggregate.
/// </summary>
internal readonly record struct DispatchResult(int Claimed, int Sent, int Failed);

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

    private readonly AggregateHolds holds = new(options.Value.PublishTimeout);

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
            var heldByMarking = marking?.UnsentAggregates ?? new HashSet<string>(StringComparer.Ordinal);
            held.UnionWith(heldByMarking);
            var claimed = await OutboxClaim.DueRowsAsync(db, settings.BatchSize, now, marking?.Sequences, held, heads, cancellationToken);
            if (claimed.Count == 0)
            {
                await DisposeAsync(transaction, scope);
                return null;
            }
            // The claim left out only the holds this dispatcher knew of; the check in its transaction finds every row that
            // must go first, including rows another replica's claim has locked.
            var blockers = await OutboxClaim.FirstBlockingRowsAsync(db, claimed, marking?.Sequences, cancellationToken);
            var publishable = claimed
                .Where(m => !heldByMarking.Contains(m.AggregateId)
                    && !(blockers.TryGetValue(m.AggregateId, out var blocker) && blocker.Sequence < m.Sequence))
                .ToList();
            RememberHeldBack(claimed.Except(publishable), blockers, now);
            phase = RecordPhase("claim", phase);

            var chains = publishable.GroupBy(m => m.AggregateId, StringComparer.Ordinal).ToList();
            var outcome = await new OutboxPublishPipeline(relay, settings.MaxPublishesInFlight).PublishAsync(chains, cancellationToken);
            RecordPhase("publish", phase);
            ScheduleRetries(outcome.Failed, settings);
            holds.Release(outcome.Sent);
            RememberFailed(outcome.Failed, publishable);
            foreach (var observer in observers)
            {
                await observer.BatchPublishedAsync(outcome.Sent, cancellationToken);
            }
            return new PublishedBatch(scope, db, transaction, claimed, outcome, gate, time);
        }
        catch
        {
            await DisposeAsync(transaction, scope);
            throw;
        }
    }

    /// <summary>
    /// Remembers the aggregates whose claimed rows were held back behind a blocking row, so that the next claims leave
    /// their rows out; only those, because every remembered hold goes with every claim. A blocker that is not backing off
    /// (another replica's claim has it) is due at once: its hold lasts the grace, about one pass of that replica.
    /// </summary>
    private void RememberHeldBack(IEnumerable<OutboxMessage> heldBack, Dictionary<string, Blocker> blockers, DateTime now)
    {
        foreach (var aggregateId in heldBack.Select(m => m.AggregateId).Distinct(StringComparer.Ordinal))
        {
            if (blockers.TryGetValue(aggregateId, out var blocker))
            {
                var dueAt = blocker.NextAttemptAt > now ? blocker.NextAttemptAt.Value : now;
                holds.Hold(aggregateId, blocker.Sequence, dueAt);
            }
        }
    }

    /// <summary>
    /// A failed row is its aggregate's first unsent row (a chain stops at its first failure). It is remembered as a hold
    /// only if the claim had more of the aggregate's rows behind it (they would fill later claims) or the aggregate is
    /// held already (its head failed again); an aggregate with nothing queued behind its failed row costs no hold, so a
    /// broker outage does not make every aggregate of the backlog a hold sent with every claim. Holds run out from the
    /// row's own retry time, which is after the pass's start by up to <c>PublishTimeout</c>.
    /// </summary>
    private void RememberFailed(IReadOnlyCollection<(OutboxMessage Row, Exception Error)> failed, IReadOnlyList<OutboxMessage> published)
    {
        if (failed.Count == 0)
        {
            return;
        }
        var lastOfChain = published.GroupBy(m => m.AggregateId, StringComparer.Ordinal)
            .ToDictionary(chain => chain.Key, chain => chain.Max(m => m.Sequence), StringComparer.Ordinal);
        foreach (var (row, _) in failed)
        {
            if (lastOfChain[row.AggregateId] > row.Sequence || holds.Knows(row.AggregateId))
            {
                holds.Hold(row.AggregateId, row.Sequence, row.NextAttemptAt!.Value);
            }
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
