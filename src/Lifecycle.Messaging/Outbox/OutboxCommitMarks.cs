using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Lifecycle.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// Which contexts carry outbox rows towards a commit, so <see cref="OutboxCommitInterceptor{TDbContext}"/> wakes the
/// dispatcher after a commit that wrote some, and only then, without searching the change tracker on every SaveChanges
/// (<c>ChangeTracker.Entries</c> runs DetectChanges over every tracked entity: 3 % of the messaging benchmark's CPU).
/// <see cref="OutboxEventPublisher{TDbContext}"/> marks a context when it adds a row, the interceptor follows the rows
/// through SaveChanges and the transaction, and <see cref="DbContextReturnHook"/> clears the marks when the context goes
/// back to its pool or is disposed: a rental whose rows never committed does not wake the dispatcher for the next one.
/// Rows added other than through <c>Publish</c> are relayed too, by the next wake or poll, not by their own commit.
/// </summary>
public sealed class OutboxCommitMarks<TDbContext> : IDbContextStateOwner
    where TDbContext : DbContext
{
    // Kept for the instance's lifetime (a pooled context is rented again and again) and reset when its use ends.
    private readonly ConditionalWeakTable<DbContext, Rows> marks = [];

    /// <summary>
    /// An outbox row is being added: the context's next successful save writes it. Called before the row is added, so a
    /// pooled context without the return hook fails here, on every Publish, leaving neither a row nor a mark behind.
    /// </summary>
    internal void Published(DbContext context)
    {
        if (!marks.TryGetValue(context, out var rows))
        {
            // Watched before anything is kept: if Watch throws, no entry remains to skip it on the next Publish.
            DbContextReturnHook.Watch(context, this);
            rows = new Rows();
            marks.AddOrUpdate(context, rows);
        }
        rows.Unsaved = true;
    }

    /// <summary>SaveChanges begins: it writes the rows added since the last save.</summary>
    internal void Saving(DbContext context)
    {
        if (TryGet(context, out var rows) && rows.Unsaved)
        {
            rows.Unsaved = false;
            rows.Saving = true;
        }
    }

    /// <summary>
    /// SaveChanges succeeded. True when it wrote rows that are durable now (no explicit transaction); inside one they
    /// wait for its commit.
    /// </summary>
    internal bool Saved(DbContext context, bool inExplicitTransaction)
    {
        if (!TryGet(context, out var rows) || !rows.Saving)
        {
            return false;
        }
        rows.Saving = false;
        rows.AwaitingCommit |= inExplicitTransaction;
        return !inExplicitTransaction;
    }

    /// <summary>
    /// SaveChanges failed or was cancelled: nothing of it is durable (its own transaction, or the savepoint, rolled back)
    /// and EF still tracks its rows as added, so only a later successful save writes them.
    /// </summary>
    internal void SaveFailed(DbContext context)
    {
        if (TryGet(context, out var rows) && rows.Saving)
        {
            rows.Saving = false;
            rows.Unsaved = true;
        }
    }

    /// <summary>The explicit transaction committed: true when rows were saved in it.</summary>
    internal bool Committed(DbContext context)
    {
        if (TryGet(context, out var rows) && rows.AwaitingCommit)
        {
            rows.AwaitingCommit = false;
            return true;
        }
        return false;
    }

    /// <summary>
    /// The explicit transaction rolled back: the rows saved in it are gone. Saved with
    /// <c>SaveChanges(acceptAllChangesOnSuccess: false)</c> (an execution strategy's retryable unit) EF still tracks them
    /// as added, and the retry saves them again in a new transaction: so they count as unsaved again. When they were
    /// accepted instead, the context's next save that commits wakes the dispatcher once for nothing.
    /// </summary>
    internal void RolledBack(DbContext context)
    {
        if (TryGet(context, out var rows) && rows.AwaitingCommit)
        {
            rows.AwaitingCommit = false;
            rows.Unsaved = true;
        }
    }

    /// <summary>The context's use ended (returned to its pool or disposed): whatever it carried is not committed by anyone.</summary>
    public void Forget(DbContext context)
    {
        if (TryGet(context, out var rows))
        {
            rows.Unsaved = rows.Saving = rows.AwaitingCommit = false;
        }
    }

    private bool TryGet(DbContext context, [NotNullWhen(true)] out Rows? rows) => marks.TryGetValue(context, out rows);

    /// <summary>Where one context's outbox rows are: added, in the SaveChanges running now, saved in an open transaction.</summary>
    private sealed class Rows
    {
        public bool Unsaved { get; set; }

        public bool Saving { get; set; }

        public bool AwaitingCommit { get; set; }
    }
}
