using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Lifecycle.ServiceDefaults.Data;

/// <summary>
/// Closes the service's idle PostgreSQL connections when the host stops. Npgsql's pools live as long as the process, so
/// a host stopped inside a longer-lived one (the tests start hundreds, each on its own database) would otherwise keep
/// its connections open against the server's max_connections for the pool's idle lifetime (5 minutes); with
/// multiplexing a pool keeps several. Registered before the services that use the database, so it stops after them;
/// a command that still comes simply opens a new connection.
/// </summary>
/// <typeparam name="TContext">The context whose database this is: one per context, as a service may have several.</typeparam>
internal sealed class PostgresPoolRelease<TContext>(IOptionsMonitor<ServiceDatabaseOptions> databases, string connectionName) : IHostedService
    where TContext : DbContext
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        var database = databases.Get(connectionName);
        if (database is { Provider: DatabaseProvider.Postgres, ConnectionString: { } connectionString })
        {
            // The pool is keyed by the connection string the contexts use: the one with the defaults applied.
            using var connection = new NpgsqlConnection(NpgsqlConnectionDefaults.Apply(connectionString));
            NpgsqlConnection.ClearPool(connection);
        }
        return Task.CompletedTask;
    }
}
