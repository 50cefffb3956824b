using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifecycle.ServiceDefaults.Data;

/// <summary>
/// Sets every SQLite connection up for several processes (replicas, a migrator) sharing one file: a busy timeout,
/// so a writer waits for another's lock instead of failing with SQLITE_BUSY, WAL, so readers never block the writer,
/// and the service's <see cref="SqliteSynchronous"/> choice. All in one command: this runs on every connection open.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    // busy_timeout first: switching an existing file to WAL briefly needs the lock another process may hold.
    private const string CommonPragmas = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL;";

    private static readonly SqlitePragmaInterceptor Full = new(CommonPragmas);
    private static readonly SqlitePragmaInterceptor Normal = new(CommonPragmas + " PRAGMA synchronous = NORMAL;");

    private readonly string pragmas;

    private SqlitePragmaInterceptor(string pragmas) => this.pragmas = pragmas;

    public static SqlitePragmaInterceptor For(SqliteSynchronous synchronous) => synchronous == SqliteSynchronous.Normal ? Normal : Full;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
