using Lifecycle.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// Selects the next due rows in sequence order inside the caller's transaction. On PostgreSQL the rows are
/// locked with FOR UPDATE SKIP LOCKED so replicas claim disjoint batches; SQLite has a single writer and
/// needs no lock.
/// </summary>
internal static class OutboxClaim
{
    public static bool LocksRows(DbContext db) => DatabaseProviderName.IsNpgsql(db);

    /// <param name="skip">Rows of a batch published but not yet marked, which the claim must not return again.</param>
    /// <param name="held">
    /// Aggregates whose rows must wait (see <see cref="AggregateHolds"/>), left out inside the query so that the LIMIT
    /// counts rows that can go and a long run of one held aggregate's rows cannot fill every claim...
    /// </param>
    /// <param name="heads">...except their heads, the rows they wait for, which are claimed when due (their retry).</param>
    public static async Task<List<OutboxMessage>> DueRowsAsync(
        DbContext db, int batchSize, DateTime now, IReadOnlySet<long>? skip, IReadOnlySet<string> held, IReadOnlySet<long> heads,
        CancellationToken cancellationToken)
    {
        var heldIds = held.ToArray();
        var headSequences = heads.ToArray();
        if (LocksRows(db))
        {
            // Rows of a batch still marking are locked by its transaction, so SKIP LOCKED passes over them (once it has
            // committed they are sent, backing off, or of its unsent aggregates in held): no sequence filter is needed.
            return await db.Set<OutboxMessage>().FromSqlRaw(LockingSql(db), now, batchSize, heldIds, headSequences).ToListAsync(cancellationToken);
        }
        var due = db.Set<OutboxMessage>().Where(m => m.SentAt == null && (m.NextAttemptAt == null || m.NextAttemptAt <= now));
        if (skip is { Count: > 0 })
        {
            var skipped = skip.ToArray();
            due = due.Where(m => !skipped.Contains(m.Sequence));
        }
        if (heldIds.Length > 0)
        {
            due = due.Where(m => !heldIds.Contains(m.AggregateId) || headSequences.Contains(m.Sequence));
        }
        return await due.OrderBy(m => m.Sequence).Take(batchSize).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// For each aggregate with rows in <paramref name="claimed"/>, its first unsent row that neither this claim nor the
    /// batch still marking holds (<paramref name="marking"/>): the claimed rows of that aggregate after it must wait for
    /// it to keep per-aggregate order. Such a row is backing off, or locked by another replica's claim (SKIP LOCKED passed
    /// over it, and that replica may be publishing it right now), or left out as held. Rows of the batch still marking are
    /// no reason to wait: its confirmed rows are only not marked yet, and its aggregates with unsent rows are held by the
    /// caller anyway; waiting behind them would stall every aggregate with consecutive rows for a pass. This check, in
    /// the claim's transaction, is what keeps order; the claim's own exclusion only knows what this dispatcher learned
    /// before. Only rows before the claim's last one can come first, and bounding the sequence keeps this a short index
    /// range instead of a read of the whole unsent backlog on every pass, which slowed the relay down exactly when it had
    /// fallen behind.
    /// </summary>
    public static async Task<Dictionary<string, Blocker>> FirstBlockingRowsAsync(
        DbContext db, IReadOnlyCollection<OutboxMessage> claimed, IReadOnlySet<long>? marking, CancellationToken cancellationToken)
    {
        var aggregates = claimed.Select(m => m.AggregateId).Distinct(StringComparer.Ordinal).ToArray();
        var taken = claimed.Select(m => m.Sequence).Concat(marking ?? Enumerable.Empty<long>()).ToArray();
        var before = claimed.Max(m => m.Sequence);
        var ahead = LocksRows(db)
            ? db.Set<OutboxMessage>().FromSqlRaw(RowsAheadSql(db), aggregates, taken, before)
            : db.Set<OutboxMessage>().Where(m => m.SentAt == null && m.Sequence < before && aggregates.Contains(m.AggregateId) && !taken.Contains(m.Sequence));
        var blockers = await ahead
            // One scan of the range: the earliest retry time among an aggregate's rows ahead is its first row's (a later
            // row is only ever published, and so only fails, once the rows before it were sent).
            .GroupBy(m => m.AggregateId)
            .Select(g => new { AggregateId = g.Key, Sequence = g.Min(m => m.Sequence), NextAttemptAt = g.Min(m => m.NextAttemptAt) })
            .ToListAsync(cancellationToken);
        return blockers.ToDictionary(b => b.AggregateId, b => new Blocker(b.Sequence, b.NextAttemptAt), StringComparer.Ordinal);
    }

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

    internal static string LockingSql(DbContext db)
    {
        var outbox = Outbox(db);
        var table = outbox.Name;
        var sentAt = outbox.Column(nameof(OutboxMessage.SentAt));
        var nextAttemptAt = outbox.Column(nameof(OutboxMessage.NextAttemptAt));
        var aggregateId = outbox.Column(nameof(OutboxMessage.AggregateId));
        var sequence = outbox.Column(nameof(OutboxMessage.Sequence));
        // Ordering by (SentAt, Sequence), the index's own order, is ordering by Sequence here (every SentAt is null),
        // but PostgreSQL only sees that in this form: with ORDER BY Sequence alone it sorted the whole unsent backlog
        // (or walked the primary key through every retained sent row) before the LIMIT, per claim. Held aggregates' rows ({2},
        // an array, empty when none) but their heads ({3}) are filtered in the scan, before the LIMIT and any row lock.
        return $"SELECT * FROM {table} " +
            $"WHERE {sentAt} IS NULL AND ({nextAttemptAt} IS NULL OR {nextAttemptAt} <= {{0}}) " +
            $"AND (NOT ({aggregateId} = ANY({{2}})) OR {sequence} = ANY({{3}})) " +
            $"ORDER BY {sentAt}, {sequence} LIMIT {{1}} FOR UPDATE SKIP LOCKED";
    }

    /// <summary>
    /// The order check's rows on PostgreSQL: unsent rows before the claim's last one ({2}) of the claimed aggregates
    /// ({0}) outside the claim and the batch still marking ({1}). As <c>= ANY(array)</c> (what LINQ's <c>Contains</c>
    /// becomes) each row of the range was compared with every element in turn — PostgreSQL hashes such an array only when
    /// it is a constant, and a prepared statement's generic plan sees a parameter — about 500 × 500 comparisons per pass
    /// with a backlog. Here the aggregates are a semi-join against <c>unnest</c> (a Hash Semi Join) and the taken
    /// sequences a <c>NOT IN</c> over <c>unnest</c> (a hashed SubPlan; no sequence is null, so NOT IN means "not among"):
    /// one hash probe per row each. The LINQ grouping is composed on top of this text.
    /// </summary>
    internal static string RowsAheadSql(DbContext db)
    {
        var outbox = Outbox(db);
        var table = outbox.Name;
        var sentAt = outbox.Column(nameof(OutboxMessage.SentAt));
        var sequence = outbox.Column(nameof(OutboxMessage.Sequence));
        // The range is read alone, in the (SentAt, Sequence) index's order, under LIMIT (SELECT NULL): no limit when it
        // runs (a null count means none), but the planner cannot evaluate a subquery, so it plans for a limit that stops
        // the scan early, and walking that index in its order, with no sort, is then its cheapest path — in a generic
        // plan and in a custom one alike. Planned without a limit, the primary key (Sequence < bound, SentAt tested per
        // row) won as soon as the unsent rows were a tenth of the table, or statistics still counted rows marked since
        // as unsent, and it reads every retained sent row below the bound on every pass. A plain index scan also marks
        // the index entries that rows marked sent left behind as dead once no transaction can see them, so later passes
        // skip them (a bitmap scan visits them until vacuum).
        return $"SELECT * FROM (SELECT * FROM {table} WHERE {sentAt} IS NULL AND {sequence} < {{2}} ORDER BY {sentAt}, {sequence} LIMIT (SELECT NULL::bigint)) AS unsent " +
            $"WHERE {outbox.Column(nameof(OutboxMessage.AggregateId))} IN (SELECT unnest({{0}})) AND {sequence} NOT IN (SELECT unnest({{1}}))";
    }

    private static MappedTable Outbox(DbContext db) => MappedTable.Of<OutboxMessage>(db, "outbox");
}
