using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Lifecycle.ServiceDefaults.Data;

/// <summary>
/// Sets every SQLite connection up for several processes (replicas, a migrator) sharing one file: a busy timeout,
/// so a writer waits for another's lock instead of failing with SQLITE_BUSY, WAL, so readers never block the writer,
/// and the service's <see cref="SqliteSynchronous"/> choice. The settings belong to the native connection, which
/// Microsoft.Data.Sqlite pools and hands to the next open, so they run once per native connection, not on every open
/// (a statement per unit of work otherwise). <c>AddServiceDbContext</c> adds it to
/// every service database; code that builds its own SQLite options (benchmarks, test harnesses) adds
/// <see cref="For"/>(<see cref="SqliteSynchronous.Normal"/>) to have what a service has.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    // busy_timeout first: switching an existing file to WAL briefly needs the lock another process may hold.
    private const string CommonPragmas = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL;";

    private static readonly SqlitePragmaInterceptor Full = new(CommonPragmas);
    private static readonly SqlitePragmaInterceptor Normal = new(CommonPragmas + " PRAGMA synchronous = NORMAL;");

    // Per native connection, the pragmas last run on it; shared by both instances, which may share a pool.
    private static readonly ConditionalWeakTable<sqlite3, string> configured = [];

    private readonly string pragmas;

    private SqlitePragmaInterceptor(string pragmas) => this.pragmas = pragmas;

    public static SqlitePragmaInterceptor For(SqliteSynchronous synchronous) => synchronous == SqliteSynchronous.Normal ? Normal : Full;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsPragmas(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            command.ExecuteNonQuery();
            Remember(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsPragmas(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Remember(connection);
        }
    }

    private bool NeedsPragmas(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !configured.TryGetValue(handle, out var ran) || ran != pragmas;

    // Only after the pragmas ran: a connection whose set-up failed is set up again at its next open.
    private void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            configured.AddOrUpdate(handle, pragmas);
        }
    }
}
