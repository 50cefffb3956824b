using Lifecycle.Messaging.Configuration;
using Lifecycle.Messaging.Persistence;
using Lifecycle.Messaging.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifecycle.Messaging.Outbox;

/// <summary>What one pass did: rows claimed, confirmed by the broker, and failed (now backing off).</summary>
internal readonly record struct DispatchResult(int Claimed, int Sent, int Failed);

/// <summary>
/// One relay pass: claim due rows, publish them with many broker confirms in flight (each aggregate's rows in
/// sequence), then mark the confirmed ones sent in one statement and schedule retries for the failed ones, all in
/// the claim's transaction. A crash between publish and commit leaves rows unsent: they are sent again, and inboxes
/// drop the duplicate.
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
        var phase = time.GetTimestamp();
        var claimed = await OutboxClaim.DueRowsAsync(db, settings.BatchSize, now, cancellationToken);
        if (claimed.Count == 0)
        {
            return default;
        }
        var held = (await OutboxClaim.HeldAggregatesAsync(db, now, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var chains = claimed.Where(m => !held.Contains(m.AggregateId)).GroupBy(m => m.AggregateId, StringComparer.Ordinal);
        phase = RecordPhase("claim", phase);

        var outcome = await new OutboxPublishPipeline(relay, settings.MaxPublishesInFlight).PublishAsync(chains, cancellationToken);
        phase = RecordPhase("publish", phase);
        ScheduleRetries(outcome.Failed, settings);
        var sent = outcome.Sent;

        foreach (var observer in observers)
        {
            await observer.BatchPublishedAsync(sent, cancellationToken);
        }
        using (await gate.EnterAsync(db, cancellationToken))
        {
            await OutboxClaim.MarkSentAsync(db, sent, time.GetUtcNow().UtcDateTime, cancellationToken);
            // Only the failed rows are modified in the change tracker: their attempts and next attempt time.
            await db.SaveChangesAsync(cancellationToken);
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        RecordPhase("mark", phase);
        return new DispatchResult(claimed.Count, sent.Count, outcome.Failed.Count);
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
