using System.Data.Common;
using System.Text.Json;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.TestDispatcher.Model;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Lifecycle.Messaging.Tests;

/// <summary>
/// The relay claims a batch on every pass, so the claim must read about a batch of rows however many sent rows the
/// table retains and however far the relay has fallen behind. PostgreSQL's executor reports what it read.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class OutboxClaimPlanTests(PostgresFixture postgres)
{
    private const int Sent = 20_000;
    private const int Backlog = 5_000;
    private const int BatchSize = 100;
    private const int Aggregates = 50;
    private const int HeldRun = 1_000;
    private const int Holds = 3_000;
    private const int CheckedAggregates = 500;

    [Fact]
    public async Task The_claim_reads_one_batch_not_the_backlog_nor_the_retained_sent_rows()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Postgres, postgres);
        await using var db = database.CreateContext();
        await SeedAsync(db);

        var plan = await ExplainAsync(database.ConnectionString, OutboxClaim.LockingSql(db), held: [], heads: []);

        var scan = ClaimScan(plan);
        var read = scan.GetProperty("Actual Rows").GetDouble() + RemovedByFilter(scan);
        Assert.True(read <= BatchSize, $"the claim read {read} rows for a batch of {BatchSize}: {plan}");
    }

    [Fact]
    public async Task Leaving_held_aggregates_out_reads_only_their_rows_besides_the_batch()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Postgres, postgres);
        await using var db = database.CreateContext();
        await SeedAsync(db);
        string[] held = ["contact-1", "contact-2"];
        long[] heads = [Sent + 1]; // contact-1's first unsent row, due for its retry

        var plan = await ExplainAsync(database.ConnectionString, OutboxClaim.LockingSql(db), held, heads);

        // A full batch of rows that can go (the head among them), reached by passing over the held aggregates' other
        // rows among them (2 of every 50 backlog rows), not by reading the backlog or by sorting it.
        var scan = ClaimScan(plan);
        Assert.Equal(BatchSize, scan.GetProperty("Actual Rows").GetDouble());
        var heldAmongThem = Math.Ceiling(BatchSize * held.Length / (Aggregates - (double)held.Length)) + held.Length;
        Assert.True(RemovedByFilter(scan) <= heldAmongThem, $"the claim passed over {RemovedByFilter(scan)} rows for {heldAmongThem} held ones: {plan}");
    }

    [Fact]
    public async Task The_order_check_reads_the_rows_before_the_claims_last_one_not_the_backlog()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Postgres, postgres);
        await using var db = database.CreateContext();
        await SeedAsync(db);
        var claimed = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.SentAt == null).OrderBy(m => m.Sequence).Take(BatchSize).ToListAsync();
        var explain = new ExplainFirstQuery();
        var options = new DbContextOptionsBuilder<TestDbContext>();
        database.Configure(options);
        await using var checking = new TestDbContext(options.AddInterceptors(explain).Options);

        var blockers = await OutboxClaim.FirstBlockingRowsAsync(checking, claimed, marking: null, CancellationToken.None);

        // Nothing before the batch is unsent, so nothing blocks it; finding that out reads the batch's own rows.
        Assert.Empty(blockers);
        var scan = Nodes(explain.Plan!.Value).Single(n => n.TryGetProperty("Relation Name", out _));
        var read = scan.GetProperty("Actual Rows").GetDouble() + RemovedByFilter(scan);
        Assert.True(read <= BatchSize, $"the order check read {read} rows for a batch of {BatchSize}: {explain.Plan}");
    }

    [Fact]
    public async Task A_generic_plan_of_the_order_check_matches_aggregates_and_taken_sequences_by_hash_in_the_bounded_range()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Postgres, postgres);
        await using var db = database.CreateContext();
        await SeedAsync(db, aggregates: CheckedAggregates);

        var plan = await CheckSecondRunOfEachAggregateAsync(database, db);

        var nodes = Nodes(plan).ToList();
        // No node tests a row against an array element by element (= ANY / <> ALL over a parameter array).
        Assert.DoesNotContain(nodes, n => n.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.String
            && (p.Value.GetString()!.Contains("ANY (") || p.Value.GetString()!.Contains("ALL ("))));
        // The aggregates through a hash semi-join on unnest, the taken sequences through a hashed subplan.
        Assert.Contains(nodes, n => n.GetProperty("Node Type").GetString() == "Hash Join" && n.GetProperty("Join Type").GetString() == "Semi"
            && n.GetProperty("Hash Cond").GetString()!.Contains("unnest"));
        Assert.Contains(nodes, n => n.TryGetProperty("Filter", out var filter) && filter.GetString()!.Contains("hashed SubPlan"));
        AssertReadsOnlyTheBoundedIndexRange(plan);
    }

    [Fact]
    public async Task A_generic_plan_of_the_order_check_keeps_to_the_index_range_while_statistics_still_count_sent_rows_as_unsent()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Postgres, postgres);
        await using var db = database.CreateContext();
        // Analyzed while every row was unsent (a relay catching up before autovacuum comes back): for "Sequence < bound"
        // the primary key then looks as cheap as the (SentAt, Sequence) index, and it reads every sent row below the bound.
        await SeedAsync(db, sent: 0, backlog: Sent + Backlog, aggregates: CheckedAggregates);
        await db.Database.ExecuteSqlRawAsync(
            """UPDATE outbox_messages SET "SentAt" = now() at time zone 'utc' WHERE "Sequence" <= {0}""", Sent);

        var plan = await CheckSecondRunOfEachAggregateAsync(database, db);

        AssertReadsOnlyTheBoundedIndexRange(plan);
    }

    /// <summary>
    /// With 500 aggregates the backlog's first 1,000 rows are two rows of each: a claim of the second ones (500 aggregates,
    /// 500 taken sequences) is checked, each aggregate's first row (unsent, outside the claim) must come back as its
    /// blocker, and the check's statement is explained as a prepared one's generic plan (Npgsql's Max Auto Prepare).
    /// </summary>
    private static async Task<JsonElement> CheckSecondRunOfEachAggregateAsync(TestDatabase database, DbContext db)
    {
        var claimed = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.SentAt == null).OrderBy(m => m.Sequence)
            .Skip(CheckedAggregates).Take(CheckedAggregates).ToListAsync();
        var commands = new CommandCapture();
        var options = new DbContextOptionsBuilder<TestDbContext>();
        database.Configure(options);
        await using var checking = new TestDbContext(options.AddInterceptors(commands).Options);

        var blockers = await OutboxClaim.FirstBlockingRowsAsync(checking, claimed, marking: null, CancellationToken.None);

        Assert.Equal(claimed.ToDictionary(m => m.AggregateId, m => new Blocker(m.Sequence - CheckedAggregates, null)), blockers);
        var command = Assert.Single(commands.Commands);
        return await ExplainGenericAsync(database.ConnectionString, command,
            ["text[]", "bigint[]", "bigint"],
            $"'{{{string.Join(',', claimed.Select(m => m.AggregateId))}}}', '{{{string.Join(',', claimed.Select(m => m.Sequence))}}}', {claimed.Max(m => m.Sequence)}");
    }

    /// <summary>One range of the (SentAt, Sequence) index bounded by the claim's last row: the 999 unsent rows before it.</summary>
    private static void AssertReadsOnlyTheBoundedIndexRange(JsonElement plan)
    {
        var nodes = Nodes(plan).ToList();
        Assert.DoesNotContain(nodes, n => n.GetProperty("Node Type").GetString() == "Sort" && n.GetProperty("Actual Rows").GetDouble() > CheckedAggregates);
        var index = nodes.Single(n => n.TryGetProperty("Index Name", out _));
        Assert.Equal("IX_outbox_messages_SentAt_Sequence", index.GetProperty("Index Name").GetString());
        Assert.Contains("$3", index.GetProperty("Index Cond").GetString());
        var scan = nodes.Single(n => n.TryGetProperty("Relation Name", out _));
        var read = scan.GetProperty("Actual Rows").GetDouble() + RemovedByFilter(scan);
        Assert.True(read < 2 * CheckedAggregates, $"the order check read {read} rows for a range of {2 * CheckedAggregates - 1}: {plan}");
    }

    [Fact]
    public async Task A_generic_plan_with_thousands_of_holds_reads_the_held_run_ahead_of_the_batch_and_the_batch()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Postgres, postgres);
        await using var db = database.CreateContext();
        // The backlog starts with a contiguous run of held aggregates' rows (a long broker outage's worth of holds).
        await SeedAsync(db, heldRun: HeldRun);
        var held = Enumerable.Range(0, Holds).Select(i => $"held-{i}").ToArray();
        var heads = Enumerable.Range(1, Holds).Select(i => (long)i).ToArray(); // heads backing off: none is due

        // A prepared claim (Npgsql's Max Auto Prepare) may run a generic plan, which does not hash the arrays.
        var plan = await ExplainAsync(database.ConnectionString, OutboxClaim.LockingSql(db), held, heads, generic: true);

        // Still one index scan in sequence order, no sort: it passes over the held run (each row tested against the
        // arrays) and stops at a full batch. What it reads is that run plus the batch, never the rest of the backlog.
        var scan = ClaimScan(plan);
        Assert.Contains("$3", scan.GetProperty("Filter").GetString()); // the arrays are parameters, not constants
        Assert.Equal(BatchSize, scan.GetProperty("Actual Rows").GetDouble());
        Assert.True(RemovedByFilter(scan) <= HeldRun, $"the claim passed over {RemovedByFilter(scan)} rows for a held run of {HeldRun}: {plan}");
    }

    /// <summary>
    /// <paramref name="sent"/> rows (marked in sequence order, a millisecond apart, as a relay marks them), then <paramref name="heldRun"/>
    /// rows of aggregates <c>held-N</c>, then the backlog, its rows spread over <paramref name="aggregates"/> aggregates.
    /// </summary>
    private static async Task SeedAsync(DbContext db, int heldRun = 0, int aggregates = Aggregates, int sent = Sent, int backlog = Backlog)
    {
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO outbox_messages ("MessageId", "MessageType", "Payload", "AggregateId", "OccurredAt", "CreatedAt", "SentAt", "Attempts")
            SELECT gen_random_uuid(), 'ContactCreated', '{{}}',
                   CASE WHEN i > {0} AND i <= {0} + {3} THEN 'held-' || (i % {4}) ELSE 'contact-' || (i % {2}) END, now(), now(),
                   CASE WHEN i <= {0} THEN now() at time zone 'utc' - ({0} - i) * interval '1 millisecond' END, 0
            FROM generate_series(1, {1}) AS i
            """, sent, sent + heldRun + backlog, aggregates, heldRun, Holds);
        await db.Database.ExecuteSqlRawAsync("ANALYZE outbox_messages");
    }

    /// <summary>The claim's one scan of the table, after checking that no node sorts (a sort reads all it sorts).</summary>
    private static JsonElement ClaimScan(JsonElement plan)
    {
        var nodes = Nodes(plan).ToList();
        Assert.DoesNotContain(nodes, n => n.GetProperty("Node Type").GetString() == "Sort");
        return nodes.Single(n => n.TryGetProperty("Relation Name", out _));
    }

    private static async Task<JsonElement> ExplainAsync(string connectionString, string claimSql, string[] held, long[] heads, bool generic = false)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // The claim's own text, with its four placeholders bound as the relay binds them.
        var sql = claimSql.Replace("{0}", "$1").Replace("{1}", "$2").Replace("{2}", "$3").Replace("{3}", "$4");
        if (generic)
        {
            // A prepared statement planned once for any parameter values, as a prepared claim may be.
            await using var prepare = new NpgsqlCommand($"SET LOCAL plan_cache_mode = force_generic_plan; PREPARE claim AS {sql}", connection, transaction);
            await prepare.ExecuteNonQueryAsync();
            // EXPLAIN EXECUTE sees no bound parameters: the values go in as literals, still parameters to the plan.
            await using var explain = new NpgsqlCommand(
                $"EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE claim(now(), {BatchSize}, '{{{string.Join(',', held)}}}', '{{{string.Join(',', heads)}}}')",
                connection, transaction);
            return JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!).RootElement[0].GetProperty("Plan");
        }
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = DateTime.UtcNow });
        command.Parameters.Add(new NpgsqlParameter { Value = BatchSize });
        command.Parameters.Add(new NpgsqlParameter { Value = held });
        command.Parameters.Add(new NpgsqlParameter { Value = heads });
        var json = (string)(await command.ExecuteScalarAsync())!;
        return JsonDocument.Parse(json).RootElement[0].GetProperty("Plan");
    }

    /// <summary>
    /// EXPLAIN ANALYZE of a command EF sent, prepared under <c>force_generic_plan</c>: EF's <c>@pN</c> placeholders become
    /// the prepared statement's typed <c>$N+1</c>, and the values go in as literals (EXPLAIN EXECUTE binds no parameters).
    /// </summary>
    private static async Task<JsonElement> ExplainGenericAsync(string connectionString, SentCommand command, string[] types, string values)
    {
        Assert.Equal(types.Length, command.Parameters.Count);
        var sql = command.Text;
        // Last first, so @p1 does not rewrite the start of @p10.
        for (var i = command.Parameters.Count - 1; i >= 0; i--)
        {
            sql = sql.Replace("@" + command.Parameters[i].TrimStart('@'), $"${i + 1}");
        }
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var prepare = new NpgsqlCommand(
            $"SET LOCAL plan_cache_mode = force_generic_plan; PREPARE checked({string.Join(", ", types)}) AS {sql}", connection, transaction);
        await prepare.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand($"EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE checked({values})", connection, transaction);
        return JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!).RootElement[0].GetProperty("Plan");
    }

    private sealed record SentCommand(string Text, List<string> Parameters);

    /// <summary>The text and parameter names of the commands a context sends to read rows, for a later EXPLAIN.</summary>
    private sealed class CommandCapture : DbCommandInterceptor
    {
        public List<SentCommand> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(new SentCommand(command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => p.ParameterName).ToList()));
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>Runs EXPLAIN ANALYZE on the first query a context sends, with its parameters, then lets it run.</summary>
    private sealed class ExplainFirstQuery : DbCommandInterceptor
    {
        public JsonElement? Plan { get; private set; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Plan is null)
            {
                await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + command.CommandText,
                    (NpgsqlConnection)command.Connection!, (NpgsqlTransaction?)command.Transaction);
                foreach (NpgsqlParameter parameter in command.Parameters)
                {
                    explain.Parameters.Add(parameter.Clone());
                }
                Plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync(cancellationToken))!).RootElement[0].GetProperty("Plan");
            }
            return result;
        }
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement node)
    {
        yield return node;
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(Nodes))
            {
                yield return child;
            }
        }
    }

    private static double RemovedByFilter(JsonElement node) =>
        node.TryGetProperty("Rows Removed by Filter", out var removed) ? removed.GetDouble() : 0;
}
