using Lifecycle.Messaging.Configuration;
using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// Deletes sent outbox rows and inbox rows older than their retention periods, in chunks of
/// <see cref="OutboxOptions.PruneBatchSize"/> rows (oldest first, along the SentAt and ProcessedAt indexes) until none is
/// left. One DELETE of everything past retention runs as long as the backlog is large (a service back after an outage,
/// or a first prune after a long retention): on PostgreSQL, as a multiplexed command (outside a transaction), it gets no
/// server-side cancel when the service stops, and commands multiplexed onto its busy connection queue behind it while
/// the pool is full; on SQLite it holds the database's one write lock, and this process's write gate, for all of it.
/// A chunk is a short statement with short locks; the relay's marking and service writes go between chunks, and a
/// stop takes effect at the next one. On PostgreSQL each chunk runs in a transaction of its own, which binds it a
/// connection (see <see cref="RepeatAsync"/>). <see cref="OutboxPruningService{TDbContext}"/> runs it, apart from the relay.
/// </summary>
internal sealed class OutboxPruner<TDbContext>(
    IServiceScopeFactory scopes,
    IOptions<OutboxOptions> options,
    SqliteWriteGate gate,
    TimeProvider time,
    ILogger<OutboxPruner<TDbContext>> logger)
    where TDbContext : DbContext
{
    public async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var sentBefore = now - options.Value.SentRetention;
        var processedBefore = now - options.Value.InboxRetention;

        var chunk = options.Value.PruneBatchSize;
        var outbox = await RepeatAsync(db, chunk, () => db.Set<OutboxMessage>()
            .Where(m => m.SentAt != null && m.SentAt < sentBefore)
            .OrderBy(m => m.SentAt).ThenBy(m => m.Sequence)
            .Take(chunk)
            .ExecuteDeleteAsync(cancellationToken), cancellationToken);
        var inbox = await RepeatAsync(db, chunk, () => DeleteOldestInboxRowsAsync(db, processedBefore, chunk, cancellationToken), cancellationToken);
        if (outbox + inbox > 0)
        {
            logger.LogInformation("Pruned {OutboxRows} sent outbox rows and {InboxRows} inbox rows", outbox, inbox);
        }
    }

    /// <summary>Deletes chunk after chunk until one comes back short: nothing past retention is left.</summary>
    private async Task<int> RepeatAsync(DbContext db, int chunk, Func<Task<int>> deleteChunk, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            // Checked here too: on PostgreSQL the gate passes at once, and a stop should not wait for the backlog.
            cancellationToken.ThrowIfCancellationRequested();
            // The gate per chunk, not per prune: on SQLite other writers get their turn between chunks.
            using var writing = await gate.EnterAsync(db, cancellationToken);
            // A chunk may wait on a row lock (a long transaction touching old rows). Multiplexed, outside a transaction,
            // it would wait on a shared connection, and every command written to that connection after it would wait
            // too; and a stop or the command timeout only abandons a multiplexed command at the client, so it kept
            // waiting in the server while the next prune queued a second one behind it. In a transaction it waits on a
            // connection of its own and is cancelled in the server.
            await using var transaction = DatabaseProviderName.IsNpgsql(db) ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            deleted = await deleteChunk();
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            total += deleted;
        }
        while (deleted >= chunk);
        return total;
    }

    /// <summary>
    /// The oldest expired inbox rows up to the chunk's last ProcessedAt (a few more when rows share that time: an inbox
    /// batch stamps one time). By a bound rather than "key IN (… LIMIT)": for the inbox's two-column key EF writes that as
    /// a correlated EXISTS, which SQLite evaluates for every row of the table; a ProcessedAt range stays on its index.
    /// </summary>
    private static async Task<int> DeleteOldestInboxRowsAsync(DbContext db, DateTime processedBefore, int chunk, CancellationToken cancellationToken)
    {
        var expired = db.Set<InboxMessage>().Where(m => m.ProcessedAt < processedBefore);
        var last = await expired.OrderBy(m => m.ProcessedAt).Skip(chunk - 1).Select(m => (DateTime?)m.ProcessedAt).FirstOrDefaultAsync(cancellationToken);
        return await (last is { } bound ? expired.Where(m => m.ProcessedAt <= bound) : expired).ExecuteDeleteAsync(cancellationToken);
    }
}
