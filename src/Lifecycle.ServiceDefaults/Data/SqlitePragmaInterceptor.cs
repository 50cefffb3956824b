using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifecycle.ServiceDefaults.Data;

/// <summary>
/// Sets every SQLite connection up for several processes (replicas, a migrator) sharing one file: a busy timeout,
/// so a writer waits for another's lock instead of failing with SQLITE_BUSY, and WAL, so readers never block the writer.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    // busy_timeout first: switching an existing file to WAL briefly needs the lock another process may hold.
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL;";

    public static SqlitePragmaInterceptor Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
