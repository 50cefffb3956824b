using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifecycle.Messaging.Persistence;

/// <summary>
/// Opt-in (<c>AddMessaging(..., m => m.SerializeSqliteWrites())</c>): every write transaction of the DbContext goes
/// through the process's <see cref="SqliteWriteGate"/>, the same queue as the relay and the inbox, so the service's
/// own commits wait their turn in process instead of colliding with them in SQLite's busy handler (which sleeps).
/// Held from BeginTransaction (Microsoft.Data.Sqlite begins IMMEDIATE: every explicit transaction takes the write lock)
/// to commit or rollback, and for a SaveChanges without one around its statement only (executing it to disposing its
/// reader: all the time SQLite holds the lock for it); released at the latest when the connection closes
/// (a transaction disposed without commit). Reads and statements run outside a transaction (ExecuteUpdate, raw SQL)
/// are not gated: they stay in SQLite's busy timeout. Other providers pass untouched. These writes queue as
/// <see cref="SqliteWritePriority.Service"/>: the relay and inbox go first, within a bound. A hold ends with its
/// context's use at the latest: when EF takes the context back into its pool or disposes it,
/// <see cref="DbContextReturnHook"/> has a ticket still held released (a transaction on a connection the caller opened
/// itself ends there without an event this interceptor sees).
/// </summary>
public sealed class SqliteWriteGateInterceptor(SqliteWriteGate gate, TimeSpan? waitTimeout = null)
    : ISaveChangesInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor, IDbContextStateOwner
{
    /// <summary>Longer than any healthy write transaction; a wait this long fails like SQLITE_BUSY instead of hanging.</summary>
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(30);

    private readonly TimeSpan timeout = waitTimeout ?? DefaultWaitTimeout;
    private readonly ConditionalWeakTable<DbContext, IDisposable> held = [];

    // A SaveChanges without a transaction runs one statement, and SQLite holds its write lock only while that statement
    // runs: the gate is held as long, from executing the statement to disposing its reader, not around SaveChanges'
    // change detection, command building and bookkeeping (which more than doubled the time each write held the queue).
    // A SaveChanges that needs several statements begins a transaction, held from TransactionStarting below.
    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (IsSaveChangesStatement(eventData) is { } db)
        {
            Take(db);
        }
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (IsSaveChangesStatement(eventData) is { } db)
        {
            await TakeAsync(db, cancellationToken);
        }
        return result;
    }

    // After the reader closed: the statement is reset by then, so an autocommit write has committed and let go of
    // SQLite's lock before the next writer takes its turn.
    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        LeaveUnlessInTransaction(eventData.Context);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => LeaveUnlessInTransaction(eventData.Context);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveUnlessInTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => LeaveUnlessInTransaction(eventData.Context);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveUnlessInTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    // SaveChanges' end releases what its statements' events did not (an interceptor suppressing the reader's disposal).
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        LeaveUnlessInTransaction(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        LeaveUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => LeaveUnlessInTransaction(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveUnlessInTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => LeaveUnlessInTransaction(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveUnlessInTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (eventData.Context is { } db && NeedsGate(db))
        {
            Take(db);
        }
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && NeedsGate(db))
        {
            await TakeAsync(db, cancellationToken);
        }
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context);
        return Task.CompletedTask;
    }

    // Failing to begin leaves no transaction; failing to commit or roll back leaves one the caller disposes next.
    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context);
        return Task.CompletedTask;
    }

    // A transaction disposed without commit or rollback ends with its connection (EF closes what it opened for it).
    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Leave(eventData.Context);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Leave(eventData.Context);
        return Task.CompletedTask;
    }

    public void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Leave(eventData.Context);

    public Task ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Leave(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>The context's use ended (returned to its pool or disposed): a ticket it still holds is released.</summary>
    public void Forget(DbContext context) => Leave(context);

    // Already held by this interceptor (SaveChanges opening its own transaction, SaveChanges inside a transaction).
    private bool NeedsGate(DbContext db) => SqliteWriteGate.IsSqlite(db) && !held.TryGetValue(db, out _);

    // The context of a SaveChanges statement that is not covered by a hold yet (none taken at a transaction's start).
    private DbContext? IsSaveChangesStatement(CommandEventData eventData) =>
        eventData.CommandSource == CommandSource.SaveChanges && eventData.Context is { } db && NeedsGate(db) ? db : null;

    // The service's turn: behind queued messaging writers (within a bound), failing after the wait timeout.
    private void Take(DbContext db) => Hold(db, gate.Enter(db, SqliteWritePriority.Service, timeout, CancellationToken.None));

    private async ValueTask TakeAsync(DbContext db, CancellationToken cancellationToken) =>
        Hold(db, await gate.EnterAsync(db, SqliteWritePriority.Service, timeout, cancellationToken));

    // Watching cannot fail here: entering the gate watched the context already, before waiting (SqliteWriteGate).
    private void Hold(DbContext db, IDisposable ticket)
    {
        held.AddOrUpdate(db, ticket);
        DbContextReturnHook.Watch(db, this);
    }

    private void LeaveUnlessInTransaction(DbContext? db)
    {
        if (db?.Database.CurrentTransaction is null)
        {
            Leave(db);
        }
    }

    private void Leave(DbContext? db)
    {
        if (db is not null && held.TryGetValue(db, out var ticket))
        {
            held.Remove(db);
            ticket.Dispose();
        }
    }
}
