using System.Data.Common;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifecycle.Messaging.Persistence;

/// <summary>
/// Opt-in settings for a SQLite service database, applied to every connection it opens (they are per connection,
/// so running them once at start-up tunes only that one): WAL, so readers never block the writer; synchronous=NORMAL,
/// so a commit costs no fsync (WAL syncs at checkpoints; a committed transaction survives a process crash, and a power
/// loss may drop the last ones); a busy timeout, so a writer that collides waits inside SQLite in short steps instead
/// of failing into Microsoft.Data.Sqlite's 150 ms retry sleep. Register with options.AddInterceptors(new SqliteTuningInterceptor()).
/// The settings stay with the native connection, which Microsoft.Data.Sqlite pools and hands to the next open, so
/// they run once per native connection rather than on every open (three statements per unit of work otherwise, 5 % of
/// the messaging benchmark's CPU).
/// </summary>
public sealed class SqliteTuningInterceptor(int busyTimeoutMilliseconds = 5000) : DbConnectionInterceptor
{
    private const string SqliteConnectionType = "Microsoft.Data.Sqlite.SqliteConnection";

    // SqliteConnection.Handle: the pooled native connection (found by name: this library does not reference the provider).
    private static PropertyInfo? handleProperty;

    // Per native connection, the pragmas last run on it. Shared by every instance: two contexts (or two busy timeouts)
    // on one file share the pool, and a connection another instance set up differently must be set up again.
    private static readonly ConditionalWeakTable<object, string> tuned = [];

    private readonly string pragmas = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={busyTimeoutMilliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsTuning(connection, out var handle))
        {
            using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            command.ExecuteNonQuery();
            Remember(handle);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsTuning(connection, out var handle))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Remember(handle);
        }
    }

    private bool NeedsTuning(DbConnection connection, out object? handle)
    {
        handle = null;
        var type = connection.GetType();
        if (type.FullName != SqliteConnectionType)
        {
            return false;
        }
        handleProperty ??= type.GetProperty("Handle");
        // Without a handle to recognise the native connection by, every open is tuned.
        handle = handleProperty?.GetValue(connection);
        return handle is null || !tuned.TryGetValue(handle, out var ran) || ran != pragmas;
    }

    // Only once the pragmas ran: an open whose tuning failed is tuned again next time.
    private void Remember(object? handle)
    {
        if (handle is not null)
        {
            tuned.AddOrUpdate(handle, pragmas);
        }
    }
}
