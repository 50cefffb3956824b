using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lifecycle.ServiceDefaults.Data;

/// <summary>
/// Closes the service's idle PostgreSQL connections once the host has stopped. Npgsql's pools live as long as the
/// process, so a host stopped inside a longer-lived one (the tests start hundreds, each on its own database) would
/// otherwise keep its connections open against the server's max_connections for the pool's idle lifetime (5 minutes);
/// with multiplexing a pool keeps several. Cleared in <see cref="StoppedAsync"/>, after every hosted service's
/// StopAsync (the migrator, the relay, the consumers, the service's own workers), whatever order they were registered
/// in; a connection still in use is closed when it is returned.
/// </summary>
/// <typeparam name="TContext">The context whose database this is: one per context, as a service may have several.</typeparam>
internal sealed class PostgresPoolRelease<TContext>(IOptionsMonitor<ServiceDatabaseOptions> databases, string connectionName) : IHostedLifecycleService
    where TContext : DbContext
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (databases.Get(connectionName) is { Provider: DatabaseProvider.Postgres, ConnectionString: { } connectionString })
        {
            NpgsqlConnectionDefaults.ClearPool(connectionString);
        }
        return Task.CompletedTask;
    }
}
