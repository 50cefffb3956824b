using Lifecycle.Hosting.Health;
using Lifecycle.Hosting.Launchers;
using Lifecycle.Hosting.Processes;

namespace Lifecycle.Testing;

/// <summary>
/// A real PostgreSQL 15 cluster (initdb in a temp dir, fsync off) for one test class;
/// CreateDatabaseAsync gives each test its own database.
/// </summary>
public sealed class PostgresFixture() : ServerFixture("postgres")
{
    public override int Port { get; } = FreePort.Next();

    /// <summary>Server-level connection string (database postgres).</summary>
    public override string ConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database) => $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres";

    /// <summary>Creates (if missing) a database and returns its Npgsql connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string database)
    {
        await PostgresLauncher.CreateDatabaseAsync(Port, database);
        return ConnectionStringFor(database);
    }

    public Task<string> QueryAsync(string sql, string database = "postgres") => PostgresLauncher.PsqlAsync(Port, sql, database: database);

    protected override async Task<ProcessLaunch> PrepareAsync()
    {
        await PostgresLauncher.InitializeAsync(Directory.Path);
        return PostgresLauncher.Create(Port, Directory.Path, durable: false);
    }

    protected override IHealthProbe Probe() => new PostgresReadyProbe(Port);
}
