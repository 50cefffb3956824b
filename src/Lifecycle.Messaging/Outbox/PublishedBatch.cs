using Lifecycle.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// A relay pass whose rows the broker has answered for and which still has to mark them: the confirmed ones sent (one
/// UPDATE), the failed ones with their retry time, in the claim's transaction (PostgreSQL: the one holding the row
/// locks). The dispatcher claims and publishes the next batch while this one marks, so until <see cref="MarkAsync"/>
/// completes its rows must not be claimed again (<see cref="Sequences"/>) and every aggregate with a row it claimed but
/// did not send stays held (<see cref="UnsentAggregates"/>): a failed row's retry is not saved yet, and a row held back
/// behind an earlier backing-off row is skipped by the next claim, so that claim must not send the aggregate's later
/// rows ahead of it.
/// </summary>
internal sealed class PublishedBatch(
    IAsyncDisposable scope,
    DbContext db,
    IDbContextTransaction? transaction,
    IReadOnlyList<OutboxMessage> claimed,
    PublishOutcome outcome,
    SqliteWriteGate gate,
    TimeProvider time) : IAsyncDisposable
{
    public DispatchResult Result { get; } = new(claimed.Count, outcome.Sent.Count, outcome.Failed.Count);

    public IReadOnlySet<long> Sequences { get; } = claimed.Select(m => m.Sequence).ToHashSet();

    public IReadOnlySet<string> UnsentAggregates { get; } =
        claimed.Except(outcome.Sent).Select(m => m.AggregateId).ToHashSet(StringComparer.Ordinal);

    public async Task MarkAsync(CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(db, cancellationToken))
        {
            await OutboxClaim.MarkSentAsync(db, outcome.Sent, time.GetUtcNow().UtcDateTime, cancellationToken);
            if (outcome.Failed.Count > 0)
            {
                // Only the failed rows are modified in the change tracker: their attempts and next attempt time.
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }
        await scope.DisposeAsync();
    }
}
