using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.Persistence;

/// <summary>
/// Serialises this process's write transactions per SQLite database: always the messaging ones (inbox transactions,
/// marking rows sent, pruning), and the service's own too when it opts in with <see cref="SqliteWriteGateInterceptor"/>.
/// SQLite has one writer anyway; waiting here is a queue, whereas colliding there makes Microsoft.Data.Sqlite sleep
/// 150 ms per SQLITE_BUSY retry (or SQLite's busy handler sleep 1–100 ms steps), which is what capped consumers at tens
/// of messages per second. Reentrant per DbContext: a context that holds the gate passes again (the interceptor sees
/// the transaction a messaging write opens inside it). A hold ends with its context's use: should one still be held
/// when EF takes the context back into its pool or disposes it (its transaction ended without an event we saw, e.g. on
/// a connection the caller opened itself), <see cref="DbContextReturnHook"/> has it released then, so neither the next
/// renter inherits it nor the database's other writers wait for it. Other providers pass. The turn goes to messaging
/// writers before queued service writers, within a bound (<see cref="SqliteWritePriority"/>, <see cref="SqliteWriterQueue"/>).
/// </summary>
public sealed class SqliteWriteGate : IDbContextStateOwner
{
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";
    private readonly ConcurrentDictionary<string, SqliteWriterQueue> gates = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<DbContext, Held> holders = [];

    public static bool IsSqlite(DbContext db) => DatabaseProviderName.Of(db) == SqliteProvider;

    /// <summary>A messaging write (relay, inbox, pruning): waits for the database's turn; dispose to leave.</summary>
    public ValueTask<IDisposable> EnterAsync(DbContext db, CancellationToken cancellationToken) =>
        EnterAsync(db, SqliteWritePriority.Messaging, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>A messaging write, waiting at most <paramref name="timeout"/> (then TimeoutException).</summary>
    public ValueTask<IDisposable> EnterAsync(DbContext db, TimeSpan timeout, CancellationToken cancellationToken) =>
        EnterAsync(db, SqliteWritePriority.Messaging, timeout, cancellationToken);

    /// <summary>Waits for the database's turn (at most <paramref name="timeout"/>, then TimeoutException); dispose to leave.</summary>
    public async ValueTask<IDisposable> EnterAsync(DbContext db, SqliteWritePriority priority, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!IsSqlite(db) || Holds(db))
        {
            return Passed.Instance;
        }
        // Before waiting: a context that cannot be watched (pooled without the hook) must fail without holding the gate.
        DbContextReturnHook.Watch(db, this);
        var gate = GateOf(db);
        if (!await gate.EnterAsync(priority, timeout, cancellationToken))
        {
            throw Busy(timeout);
        }
        return Hold(db, gate);
    }

    /// <summary>The synchronous twin of <see cref="EnterAsync(DbContext, SqliteWritePriority, TimeSpan, CancellationToken)"/>, for EF's synchronous API.</summary>
    public IDisposable Enter(DbContext db, SqliteWritePriority priority, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!IsSqlite(db) || Holds(db))
        {
            return Passed.Instance;
        }
        DbContextReturnHook.Watch(db, this);
        var gate = GateOf(db);
        if (!gate.Enter(priority, timeout, cancellationToken))
        {
            throw Busy(timeout);
        }
        return Hold(db, gate);
    }

    private SqliteWriterQueue GateOf(DbContext db) =>
        gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SqliteWriterQueue());

    private bool Holds(DbContext db) => holders.TryGetValue(db, out _);

    private Held Hold(DbContext db, SqliteWriterQueue gate)
    {
        var held = new Held(this, db, gate);
        holders.AddOrUpdate(db, held);
        return held;
    }

    /// <summary>The context's use ended (returned to its pool or disposed): a hold it still has is released.</summary>
    public void Forget(DbContext context)
    {
        if (holders.TryGetValue(context, out var held))
        {
            held.Dispose();
        }
    }

    // Waiting this long means a writer never finished (or this flow waits for a context it holds itself):
    // fail as SQLite would with SQLITE_BUSY rather than hang.
    private static TimeoutException Busy(TimeSpan timeout) =>
        new($"Waited {timeout} for the SQLite write gate: another write transaction of this process did not end");

    private sealed class Held(SqliteWriteGate owner, DbContext db, SqliteWriterQueue gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                // Only this hold's own entry: a late release must not take a later hold of the context away from it.
                if (owner.holders.TryGetValue(db, out var current) && ReferenceEquals(current, this))
                {
                    owner.holders.Remove(db);
                }
                gate.Release();
            }
        }
    }

    private sealed class Passed : IDisposable
    {
        public static readonly Passed Instance = new();

        public void Dispose()
        {
        }
    }
}
