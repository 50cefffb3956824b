using Google.Rpc;
using Lifecycle.Grpc.RichErrors;
using Lifecycle.Orders.Data;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Orders;

/// <summary>
/// Runs a read-decide-write operation again when its optimistic concurrency check (a version column) lost against
/// another writer, so callers see the outcome computed on fresh state; ABORTED once the attempts are spent.
/// </summary>
public static class ConcurrentUpdates
{
    public const int MaxAttempts = 8;

    public static async Task<T> RetryAsync<T>(OrdersDbContext db, Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation();
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
                // A short random pause spreads writers that collided, so they do not collide again.
                await Task.Delay(Random.Shared.Next(5, 25 * attempt), cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw RpcExceptions.Create(Code.Aborted, "The resource changed concurrently; retry the call.",
                    new ErrorInfo { Type = "CONCURRENT_MODIFICATION", Domain = "orders.lifecycle" });
            }
        }
    }
}
