using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Lifecycle.Messaging.Persistence;

/// <summary>
/// One per DbContext instance (a scoped service of EF's internal service provider, added by
/// <see cref="DbContextReturnHookExtension"/>): tells the <see cref="IDbContextStateOwner"/>s that keep state for its
/// context to forget it when EF takes the context back into its pool (EF resets every <see cref="IResettableService"/>
/// of the context's internal scope there, before the next rental) or disposes it (EF then disposes that scope, which
/// disposes this). So a rental never inherits what an earlier one left behind, and nothing waits for the same pooled
/// instance to be rented again to clean up.
/// </summary>
public sealed class DbContextReturnHook(ICurrentDbContext current) : IResettableService, IDisposable
{
    // Registrations outlive a rental: the owners are the options' interceptors and the process's write gate, the same
    // for every rental, and forgetting a context they keep nothing for costs a lookup.
    private IDbContextStateOwner[] owners = [];
    private bool disposed;

    /// <summary>
    /// Has <paramref name="owner"/> told when <paramref name="context"/> is returned or disposed; call it before starting
    /// to keep state for the context, so a throw leaves nothing kept. On a pooled context without the hook nothing would
    /// ever tell the owner and what it keeps would reach the next renter, so that throws. An unpooled context without the
    /// hook is let through, which is safe only for state keyed by the instance (a <c>ConditionalWeakTable</c> entry goes
    /// with it), not for state held elsewhere: a <see cref="SqliteWriteGate"/> hold sits in the process-wide queue of the
    /// database file, so an unpooled context that leaves one (a transaction on a connection the caller opened itself,
    /// disposed without commit or rollback) blocks every writer of that database. Options that reach the gate need the
    /// hook, pooled or not.
    /// </summary>
    public static void Watch(DbContext context, IDbContextStateOwner owner)
    {
        if (context.GetInfrastructure().GetService(typeof(DbContextReturnHook)) is DbContextReturnHook hook)
        {
            hook.Add(owner);
        }
        else if (context.ContextId.Lease != 0)
        {
            throw new InvalidOperationException(
                $"{context.GetType().Name} is pooled but its options lack the return hook that clears per-context state between " +
                $"rentals: add it with options.{nameof(DbContextReturnHookOptions.AddDbContextReturnHook)}() (AddMessaging does).");
        }
    }

    // A context is used by one flow at a time, and registrations come from that flow: no lock needed.
    private void Add(IDbContextStateOwner owner)
    {
        if (Array.IndexOf(owners, owner) < 0)
        {
            owners = [.. owners, owner];
        }
    }

    public void ResetState() => ForgetContext();

    public Task ResetStateAsync(CancellationToken cancellationToken = default)
    {
        ForgetContext();
        return Task.CompletedTask;
    }

    // Once: the scope disposes this instance under both of its registrations.
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            ForgetContext();
        }
    }

    private void ForgetContext()
    {
        foreach (var owner in owners)
        {
            owner.Forget(current.Context);
        }
    }
}
