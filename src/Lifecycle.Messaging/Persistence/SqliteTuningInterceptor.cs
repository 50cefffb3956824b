using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifecycle.Messaging.Persistence;

/// <summary>
/// Opt-in settings for a SQLite service database, applied to every connection it opens (they are per connection,
/// so running them once at start-up tunes only that one): WAL, so readers never block the writer; synchronous=NORMAL,
/// so a commit costs no fsync (WAL syncs at checkpoints; a committed transaction survives a process crash, and a power
/// loss may drop the last ones); a busy timeout, so a writer that collides waits inside SQLite in short steps instead
/// of failing into Microsoft.Data.Sqlite's 150 ms retry sleep. Register with options.AddInterceptors(new SqliteTuningInterceptor()).
/// </summary>
public sealed class SqliteTuningInterceptor(int busyTimeoutMilliseconds = 5000) : DbConnectionInterceptor
{
    private const string SqliteConnectionType = "Microsoft.Data.Sqlite.SqliteConnection";

    private string Pragmas => $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={busyTimeoutMilliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection.GetType().FullName == SqliteConnectionType)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection.GetType().FullName == SqliteConnectionType)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
