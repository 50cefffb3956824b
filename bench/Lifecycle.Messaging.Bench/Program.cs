using Lifecycle.Messaging.Bench;
using Lifecycle.Testing;

// Usage: bench/messaging.sh [--events N] [--rate R|0] [--in-flight N] [--ungated-producers] [--per-commit K] [--provider sqlite|postgres] [--pg-pool N] [--unpooled-contexts] [--no-npgsql-defaults] [--pg-set Key=Value]... [--warmup-events N] [--warmup-max-events M] [--timeline] [--profile] [--set Key=Value]... [--batch-saving AfterEachMessage|OncePerBatch]
// Starts its own RabbitMQ and PostgreSQL (Lifecycle.Testing fixtures) and a SQLite file, then runs the baseline
// (plain MassTransit) and both providers in this one process, so the ratios compare like with like.
var settings = BenchSettings.Parse(args);
var rabbit = new RabbitMqFixture();
var postgres = new PostgresFixture();
await Task.WhenAll(rabbit.InitializeAsync(), postgres.InitializeAsync());
using var scratch = new TestDirectory("msg-bench");
try
{
    Console.WriteLine($"Outbox → RabbitMQ → inbox consumer, {settings}, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
    var sqlite = $"Data Source={Path.Combine(scratch.Path, "bench.db")}";
    var pg = await postgres.CreateDatabaseAsync("bench");
    if (!settings.NpgsqlDefaults)
    {
        // Npgsql's own defaults, set explicitly so AddServiceDbContext leaves them (as before round 5).
        pg += ";No Reset On Close=false;Max Auto Prepare=0;Multiplexing=false";
    }
    foreach (var setting in settings.PostgresSettings ?? [])
    {
        pg += $";{setting}";
    }
    var baseline = await BaselineScenario.RunAsync(rabbit.ConnectionString, settings);
    var results = new List<BenchResult> { baseline };
    if (settings.Providers.Contains("sqlite"))
    {
        results.Add(await Scenario.RunAsync("sqlite", sqlite, rabbit.ConnectionString, settings));
    }
    if (settings.Providers.Contains("postgres"))
    {
        results.Add(await Scenario.RunAsync("postgres", pg, rabbit.ConnectionString, settings));
    }
    Console.WriteLine(BenchResult.Header);
    foreach (var result in results)
    {
        Console.WriteLine(result.Row(baseline));
    }
    Console.WriteLine($"load average at the end: {LoadAverage()}");
}
finally
{
    await Task.WhenAll(rabbit.DisposeAsync(), postgres.DisposeAsync());
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
