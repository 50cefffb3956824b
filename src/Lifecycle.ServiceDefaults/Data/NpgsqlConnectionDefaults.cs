using System.Data.Common;
using Npgsql;

namespace Lifecycle.ServiceDefaults.Data;

/// <summary>
/// The Npgsql settings a service's PostgreSQL connections get unless its connection string says otherwise. Measured in
/// the messaging benchmark (docs/benchmarks.md, rounds 4–5): they cut the PostgreSQL backends' CPU per event by a third.
/// <list type="bullet">
/// <item><c>No Reset On Close=true</c>: a pooled connection is handed out again without <c>DISCARD ALL</c> (one more
/// round trip and statement per unit of work). Safe because nothing of ours leaves session state behind: no
/// <c>SET</c> outside a transaction, no session advisory locks, temporary tables or <c>LISTEN</c> (EF's migration lock
/// is a table lock inside the migration's transaction; row claims and leases are transaction- or row-based).</item>
/// <item><c>Max Auto Prepare=32</c>: statements a connection runs repeatedly (EF's SQL is stable text) are prepared
/// once per physical connection instead of parsed and planned on every execution. PostgreSQL re-plans a prepared
/// statement itself when a table it uses changes; EF names every column, so only a change of a selected column's
/// type between two replicas' schemas could make one fail ("cached plan must not change result type").</item>
/// <item><c>Multiplexing=true</c>: a command outside a transaction (a unit of work's single-statement SaveChanges)
/// does not take a physical connection for itself: Npgsql writes the commands of concurrent callers to a few shared
/// connections in batches and reads their results back in order, so many units of work share one socket write and one
/// backend wake-up instead of a round trip each. On a loaded machine that round trip (two process wake-ups and the
/// loopback TCP work in both kernels) costs more CPU than the statement: the messaging benchmark's PostgreSQL CPU per
/// event fell from 0.31–0.35 to 0.25–0.26 core-ms, the whole pipeline's from 1.07–1.23 to 0.90–1.00 (round 8 in
/// docs/benchmarks.md). An explicit transaction (the relay's claim, an inbox batch, any service transaction) binds a
/// connection for its length as before. Safe for the same reason as No Reset On Close: nothing of ours keeps session
/// state, which a multiplexed command could not rely on. Two things change for a command outside a transaction: Npgsql
/// sends PostgreSQL no cancel request for it (a cancelled token abandons the wait, the statement runs to its end on the
/// server), and once the pool is full it may queue behind another caller's statement on a busy connection. A long
/// statement (a bulk delete, a sweep) therefore belongs in an explicit transaction or in bounded chunks.</item>
/// </list>
/// </summary>
public static class NpgsqlConnectionDefaults
{
    public const bool NoResetOnClose = true;
    public const int MaxAutoPrepare = 32;
    public const bool Multiplexing = true;

    /// <summary>The connection string with each default added where it does not set that key (under any of its spellings).</summary>
    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = given.Keys.Cast<string>().Select(Normalize).ToHashSet(StringComparer.Ordinal);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        void Default(string key, Action<NpgsqlConnectionStringBuilder> set)
        {
            if (!keys.Contains(Normalize(key)))
            {
                set(builder);
            }
        }
        Default(nameof(NpgsqlConnectionStringBuilder.NoResetOnClose), b => b.NoResetOnClose = NoResetOnClose);
        Default(nameof(NpgsqlConnectionStringBuilder.MaxAutoPrepare), b => b.MaxAutoPrepare = MaxAutoPrepare);
        Default(nameof(NpgsqlConnectionStringBuilder.Multiplexing), b => b.Multiplexing = Multiplexing);
        return builder.ConnectionString;
    }

    /// <summary>
    /// Closes the idle connections of the pool a service context uses for <paramref name="connectionString"/> (Npgsql
    /// keys pools by the exact text, so the defaults are applied first, as the context does); busy ones close when
    /// they are returned.
    /// </summary>
    public static void ClearPool(string connectionString)
    {
        using var connection = new NpgsqlConnection(Apply(connectionString));
        NpgsqlConnection.ClearPool(connection);
    }

    // Npgsql accepts "No Reset On Close" and "NoResetOnClose", in any case.
    private static string Normalize(string key) => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
}
