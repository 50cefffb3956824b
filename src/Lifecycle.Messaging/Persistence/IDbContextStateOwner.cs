using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.Persistence;

/// <summary>
/// Keeps something per DbContext instance (an interceptor's mark, a write-gate hold) that must not outlive the use of
/// that instance: <see cref="DbContextReturnHook"/> calls <see cref="Forget"/> when the context goes back to its pool
/// or is disposed.
/// </summary>
public interface IDbContextStateOwner
{
    /// <summary>Drops (and releases) whatever is kept for <paramref name="context"/>; called once its use has ended.</summary>
    void Forget(DbContext context);
}
