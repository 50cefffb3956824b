using System.Data.Common;
using System.Runtime.CompilerServices;
using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Segments;
using Lifecycle.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifecycle.Contacts.Snapshots;

/// <summary>
/// Writes snapshots through and re-evaluates segment memberships on every committed contact change, whoever made it.
/// SaveChanges outside an explicit transaction (the API's calls) does it before returning, so a caller reads its own
/// write. A committed explicit transaction (the inbox's, one per consumed event) queues it for
/// <see cref="CommittedChangeWorker"/>: nobody waits on an event's result, and doing the work inline would hold the
/// inbox transaction's SQLite write gate across the rebuild queries and the Redis round trips. What a context saved is
/// forgotten when its use ends (<see cref="DbContextReturnHook"/>, added to the context's options with it): a pooled
/// context whose transaction was disposed without a rollback (a failed inbox batch) must not hand those contacts to
/// its next renter's commit.
/// </summary>
public sealed class SnapshotChangeInterceptor(SnapshotRefresher refresher, SegmentRefresher segments, CommittedChangeQueue queue)
    : SaveChangesInterceptor, IDbTransactionInterceptor, IDbContextStateOwner
{
    private readonly ConditionalWeakTable<DbContext, PendingChanges> pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            var ids = context.ChangeTracker.Entries<Contact>().Where(e => e.State is EntityState.Added or EntityState.Modified).Select(e => e.Entity.Id).ToList();
            if (ids.Count > 0)
            {
                if (!pending.TryGetValue(context, out var changes))
                {
                    // Watched before anything is kept: if Watch throws, no entry remains to skip it on the next save.
                    DbContextReturnHook.Watch(context, this);
                    changes = new PendingChanges();
                    pending.AddOrUpdate(context, changes);
                }
                changes.ContactIds.UnionWith(ids);
                // Decided now: SaveChanges' own transaction also reports a commit, before SavedChanges runs.
                changes.InExplicitTransaction = context.Database.CurrentTransaction is not null;
            }
        }
        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null && Take(context) is { } ids)
        {
            // The commit already happened: a cancelled caller must not leave the cache behind the database.
            await refresher.RefreshAsync(ids, CancellationToken.None);
            await segments.RefreshAsync(ids, CancellationToken.None);
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && pending.TryGetValue(context, out var changes) && changes.InExplicitTransaction && Take(context) is { } ids)
        {
            queue.Enqueue(ids);
        }
        return Task.CompletedTask;
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private HashSet<Guid>? Take(DbContext context)
    {
        if (!pending.TryGetValue(context, out var changes))
        {
            return null;
        }
        pending.Remove(context);
        return changes.ContactIds;
    }

    /// <summary>What the context saved will not be committed: rolled back, failed, or its use ended (returned to its pool or disposed).</summary>
    public void Forget(DbContext? context)
    {
        if (context is not null)
        {
            pending.Remove(context);
        }
    }

    /// <summary>Contacts a context saved and not yet refreshed, and whether they wait for an explicit transaction's commit.</summary>
    private sealed class PendingChanges
    {
        public HashSet<Guid> ContactIds { get; } = [];

        public bool InExplicitTransaction { get; set; }
    }
}
