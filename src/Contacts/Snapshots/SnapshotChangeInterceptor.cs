using System.Data.Common;
using System.Runtime.CompilerServices;
using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Segments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifecycle.Contacts.Snapshots;

/// <summary>
/// Writes snapshots through and re-evaluates segment memberships on every committed contact change, whoever made it
/// (API, event handler, scheduler): right after SaveChanges without an explicit transaction, or after the
/// transaction (e.g. the inbox's) commits.
/// </summary>
public sealed class SnapshotChangeInterceptor(SnapshotRefresher refresher, SegmentRefresher segments) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            var ids = context.ChangeTracker.Entries<Contact>().Where(e => e.State is EntityState.Added or EntityState.Modified).Select(e => e.Entity.Id).ToList();
            if (ids.Count > 0)
            {
                pending.GetOrCreateValue(context).UnionWith(ids);
            }
        }
        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            await FlushAsync(eventData.Context, cancellationToken);
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        FlushAsync(eventData.Context, cancellationToken);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private async Task FlushAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is not null && pending.TryGetValue(context, out var ids))
        {
            pending.Remove(context);
            // The commit already happened: a cancelled caller must not leave the cache behind the database.
            await refresher.RefreshAsync(ids, CancellationToken.None);
            await segments.RefreshAsync(ids, CancellationToken.None);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            pending.Remove(context);
        }
    }
}
