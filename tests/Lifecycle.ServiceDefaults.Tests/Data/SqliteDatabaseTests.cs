using System.Net;
using Lifecycle.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.ServiceDefaults.Tests.Data;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TestDirectory directory = new("sqlite");

    // A directory that does not exist yet: the service creates it, as on a fresh machine.
    private string ConnectionString => $"Data Source={Path.Combine(directory.Path, "data", "nested", "notes.db")}";

    [Fact]
    public async Task Migrations_are_applied_at_start_and_then_the_database_is_ready()
    {
        await using var service = await NotesDatabase.StartServiceAsync("Sqlite", ConnectionString);
        await NotesDatabase.WaitUntilMigratedAsync(service);
        using var client = service.CreateHttp2Client();

        var health = await client.GetAsync("/health");
        var note = await NotesDatabase.RoundTripNoteAsync(service.Services);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("notesdb: Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal("first", note.Title);
        Assert.True(File.Exists(Path.Combine(directory.Path, "data", "nested", "notes.db")));
    }

    [Fact]
    public async Task Connections_use_write_ahead_logging()
    {
        await using var app = NotesDatabase.BuildUnstarted("sqlite", ConnectionString);
        await using var scope = app.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<NotesContext>().Database;

        var mode = await database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode").SingleAsync();

        Assert.Equal("wal", mode);
    }

    [Fact]
    public async Task Pragmas_run_once_per_native_connection_and_reach_every_new_one()
    {
        await using var app = NotesDatabase.BuildUnstarted("sqlite", ConnectionString);

        Assert.Equal(10000, await BusyTimeoutAsync(app));
        // The pooled native connection keeps what was set on it: a pragma run at every open would undo this.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NotesContext>().Database.ExecuteSqlRawAsync("PRAGMA busy_timeout = 1234");
        }
        Assert.Equal(1234, await BusyTimeoutAsync(app));

        SqliteConnection.ClearAllPools();
        Assert.Equal(10000, await BusyTimeoutAsync(app));
    }

    private static async Task<int> BusyTimeoutAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<NotesContext>().Database;
        return await database.SqlQueryRaw<int>("SELECT timeout AS Value FROM pragma_busy_timeout").SingleAsync();
    }

    [Fact]
    public async Task Two_replicas_migrating_at_once_apply_each_migration_once()
    {
        await NotesDatabase.MigrateConcurrentlyAsync("Sqlite", ConnectionString);

        await using var app = NotesDatabase.BuildUnstarted("Sqlite", ConnectionString);
        Assert.Equal(1, await NotesDatabase.CountAppliedMigrationsAsync(app));
        Assert.Equal("first", (await NotesDatabase.RoundTripNoteAsync(app.Services)).Title);
    }

    public void Dispose() => directory.Dispose();
}
