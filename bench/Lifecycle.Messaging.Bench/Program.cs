using Lifecycle.Messaging.Bench;
using Lifecycle.Testing;
using Microsoft.EntityFrameworkCore;

// Usage: dotnet run -c Release --project bench/Lifecycle.Messaging.Bench -- [--events N] [--rate R|0] [--producers P] [--per-commit K]
// Starts its own RabbitMQ and PostgreSQL (Lifecycle.Testing fixtures) and a SQLite file, then runs both providers.
var settings = BenchSettings.Parse(args);
var rabbit = new RabbitMqFixture();
var postgres = new PostgresFixture();
await Task.WhenAll(rabbit.InitializeAsync(), postgres.InitializeAsync());
using var scratch = new TestDirectory("msg-bench");
try
{
    Console.WriteLine($"Outbox → RabbitMQ → inbox consumer, {settings}, {Environment.ProcessorCount} cores");
    var sqlite = $"Data Source={Path.Combine(scratch.Path, "bench.db")}";
    var pg = await postgres.CreateDatabaseAsync("bench");
    var results = new[]
    {
        await Scenario.RunAsync("sqlite", o => o.UseSqlite(sqlite), rabbit.ConnectionString, settings),
        await Scenario.RunAsync("postgres", o => o.UseNpgsql(pg), rabbit.ConnectionString, settings),
    };
    Console.WriteLine(BenchResult.Header);
    foreach (var result in results)
    {
        Console.WriteLine(result);
    }
}
finally
{
    await Task.WhenAll(rabbit.DisposeAsync(), postgres.DisposeAsync());
}
