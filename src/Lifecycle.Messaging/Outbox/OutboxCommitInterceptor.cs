using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// Signals the dispatcher once outbox rows are durable: right after SaveChanges when there is no explicit
/// transaction, otherwise after that transaction commits (waking earlier would find nothing to send). Which saves and
/// transactions carry rows it reads from <see cref="OutboxCommitMarks{TDbContext}"/>, which the publisher sets and
/// the context's return to its pool (or disposal) clears; a rollback, a failed save or a transaction disposed without
/// commit signals nothing.
/// </summary>
public sealed class OutboxCommitInterceptor<TDbContext>(OutboxSignal<TDbContext> signal, OutboxCommitMarks<TDbContext> marks)
    : SaveChangesInterceptor, IDbTransactionInterceptor
    where TDbContext : DbContext
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyIfDurable(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyIfDurable(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => SaveFailed(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveFailed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => SaveFailed(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveFailed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => NotifyIfCommitted(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        NotifyIfCommitted(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => RolledBack(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RolledBack(eventData.Context);
        return Task.CompletedTask;
    }

    private void Saving(DbContext? context)
    {
        if (context is not null)
        {
            marks.Saving(context);
        }
    }

    // SaveChanges' own transaction (when it needs one) has ended by now and reports no explicit one.
    private void NotifyIfDurable(DbContext? context)
    {
        if (context is not null && marks.Saved(context, inExplicitTransaction: context.Database.CurrentTransaction is not null))
        {
            signal.Notify();
        }
    }

    private void SaveFailed(DbContext? context)
    {
        if (context is not null)
        {
            marks.SaveFailed(context);
        }
    }

    private void NotifyIfCommitted(DbContext? context)
    {
        if (context is not null && marks.Committed(context))
        {
            signal.Notify();
        }
    }

    private void RolledBack(DbContext? context)
    {
        if (context is not null)
        {
            marks.RolledBack(context);
        }
    }
}
