using Lifecycle.Messaging.TestDispatcher.Model;
using Lifecycle.ServiceDefaults.Data;
using Lifecycle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.Tests.Infrastructure;

/// <summary>A fresh, empty service database for one test: a SQLite file (WAL) or a new PostgreSQL database.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly TestDirectory? directory;

    private TestDatabase(Provider provider, string connectionString, TestDirectory? directory)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.directory = directory;
    }

    public Provider Provider { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(Provider provider, PostgresFixture postgres)
    {
        TestDatabase database;
        if (provider == Provider.Sqlite)
        {
            var directory = new TestDirectory("msg-sqlite");
            database = new TestDatabase(provider, $"Data Source={Path.Combine(directory.Path, "service.db")}", directory);
        }
        else
        {
            var name = $"msg_{Guid.NewGuid():N}";
            database = new TestDatabase(provider, await postgres.CreateDatabaseAsync(name), null);
        }
        await using var db = database.CreateContext();
        await db.Database.EnsureCreatedAsync();
        if (provider == Provider.Sqlite)
        {
            // WAL lets the test's reads, the dispatcher and the consumers share the file as a real service would
            // (the tuning interceptor also sets it on every connection; switching the file needs it once here).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        return database;
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        if (Provider == Provider.Sqlite)
        {
            // The settings the docs recommend for a SQLite service: WAL, synchronous=NORMAL, busy timeout.
            options.UseSqlite(ConnectionString).AddInterceptors(SqlitePragmaInterceptor.For(SqliteSynchronous.Normal));
        }
        else
        {
            // The Npgsql settings a service's context connects with (multiplexing, auto-prepare, no reset on close), so
            // the outbox and inbox are tested as they run.
            options.UseNpgsql(NpgsqlConnectionDefaults.Apply(ConnectionString));
        }
    }

    public TestDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<TestDbContext>();
        Configure(options);
        return new TestDbContext(options.Options);
    }

    public void Dispose()
    {
        directory?.Dispose();
        if (Provider == Provider.Postgres)
        {
            // Every test's database has its own Npgsql pool, which would keep its connections open (idle ones for minutes)
            // while the next tests open theirs against the same server's max_connections.
            NpgsqlConnectionDefaults.ClearPool(ConnectionString);
        }
    }
}
