using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// Selects the next due rows in sequence order inside the caller's transaction. On PostgreSQL the rows are
/// locked with FOR UPDATE SKIP LOCKED so replicas claim disjoint batches; SQLite has a single writer and
/// needs no lock.
/// </summary>
internal static class OutboxClaim
{
    private const string NpgsqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static bool LocksRows(DbContext db) => db.Database.ProviderName == NpgsqlProvider;

    /// <param name="skip">Rows of a batch published but not yet marked, which the claim must not return again.</param>
    public static async Task<List<OutboxMessage>> DueRowsAsync(
        DbContext db, int batchSize, DateTime now, IReadOnlySet<long>? skip, CancellationToken cancellationToken)
    {
        if (LocksRows(db))
        {
            // Rows of a batch still marking are locked by its transaction, so SKIP LOCKED passes over them.
            var locked = await db.Set<OutboxMessage>().FromSqlRaw(LockingSql(db), now, batchSize).ToListAsync(cancellationToken);
            return skip is null ? locked : locked.Where(m => !skip.Contains(m.Sequence)).ToList();
        }
        var due = db.Set<OutboxMessage>().Where(m => m.SentAt == null && (m.NextAttemptAt == null || m.NextAttemptAt <= now));
        if (skip is { Count: > 0 })
        {
            var skipped = skip.ToArray();
            due = due.Where(m => !skipped.Contains(m.Sequence));
        }
        return await due.OrderBy(m => m.Sequence).Take(batchSize).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Aggregates with a row backing off ahead of the claimed rows: their later rows must wait to keep per-aggregate
    /// order. Only rows before the claim's last one can hold it back, and bounding the sequence keeps this a short
    /// index range instead of a read of the whole unsent backlog on every pass, which slowed the relay down exactly
    /// when it had fallen behind.
    /// </summary>
    public static Task<List<string>> HeldAggregatesAsync(DbContext db, DateTime now, long beforeSequence, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>()
            .Where(m => m.SentAt == null && m.Sequence < beforeSequence && m.NextAttemptAt > now)
            .Select(m => m.AggregateId)
            .Distinct()
            .ToListAsync(cancellationToken);

    /// <summary>Marks a whole batch sent in one UPDATE statement rather than one statement per row.</summary>
    public static Task<int> MarkSentAsync(DbContext db, IReadOnlyCollection<OutboxMessage> rows, DateTime sentAt, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return Task.FromResult(0);
        }
        var sequences = rows.Select(r => r.Sequence).ToArray();
        return db.Set<OutboxMessage>()
            .Where(m => sequences.Contains(m.Sequence))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.SentAt, (DateTime?)sentAt), cancellationToken);
    }

    // Column names come from the model, so a service's naming convention cannot break the raw SQL.
    internal static string LockingSql(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(OutboxMessage))
            ?? throw new InvalidOperationException($"{db.GetType().Name} has no outbox table: call modelBuilder.AddOutboxAndInbox()");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);

        var sentAt = Column(nameof(OutboxMessage.SentAt));
        var nextAttemptAt = Column(nameof(OutboxMessage.NextAttemptAt));
        // Ordering by (SentAt, Sequence), the index's own order, is ordering by Sequence here (every SentAt is null),
        // but PostgreSQL only sees that in this form: with ORDER BY Sequence alone it sorted the whole unsent backlog
        // (or walked the primary key through every retained sent row) before the LIMIT, per claim.
        return $"SELECT * FROM {sql.DelimitIdentifier(table.Name, table.Schema)} " +
            $"WHERE {sentAt} IS NULL AND ({nextAttemptAt} IS NULL OR {nextAttemptAt} <= {{0}}) " +
            $"ORDER BY {sentAt}, {Column(nameof(OutboxMessage.Sequence))} LIMIT {{1}} FOR UPDATE SKIP LOCKED";
    }
}
