using System.Net;
using Lifecycle.Testing;

namespace Lifecycle.ServiceDefaults.Tests.Data;

public sealed class PostgresDatabaseTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Migrations_are_applied_at_start_with_native_column_types()
    {
        var connectionString = await postgres.CreateDatabaseAsync("notes_start");
        await using var service = await NotesDatabase.StartServiceAsync("Postgres", connectionString);
        await NotesDatabase.WaitUntilMigratedAsync(service);
        using var client = service.CreateHttp2Client();

        var health = await client.GetAsync("/health");
        var note = await NotesDatabase.RoundTripNoteAsync(service.Services);
        var idType = await postgres.QueryAsync(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'notes' AND column_name = 'id'", "notes_start");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("notesdb: Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal("first", note.Title);
        Assert.Contains("uuid", idType);
    }

    [Fact]
    public async Task Two_replicas_migrating_at_once_apply_each_migration_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync("notes_concurrent");

        await NotesDatabase.MigrateConcurrentlyAsync("Postgres", connectionString);

        await using var app = NotesDatabase.BuildUnstarted("Postgres", connectionString);
        Assert.Equal(1, await NotesDatabase.CountAppliedMigrationsAsync(app));
        Assert.Equal("first", (await NotesDatabase.RoundTripNoteAsync(app.Services)).Title);
    }

    [Fact]
    public async Task A_stopped_service_leaves_no_connections_open_on_its_database()
    {
        var connectionString = await postgres.CreateDatabaseAsync("notes_release");
        var service = await NotesDatabase.StartServiceAsync("Postgres", connectionString);
        await NotesDatabase.WaitUntilMigratedAsync(service);
        // Concurrent units of work, so the (multiplexing) pool opens more than one connection.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => NotesDatabase.RoundTripNoteAsync(service.Services)));
        var whileRunning = await CountConnectionsAsync("notes_release");

        await service.DisposeAsync();

        Assert.True(whileRunning > 0, "the running service had no connection open, so this test shows nothing");
        Assert.Equal(0, await ConnectionsLeftAsync("notes_release"));
    }

    private async Task<int> CountConnectionsAsync(string database) => int.Parse(
        await postgres.QueryAsync($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}'"), System.Globalization.CultureInfo.InvariantCulture);

    // Closing is asynchronous on the server: a backend leaves pg_stat_activity a moment after its socket closes.
    private async Task<int> ConnectionsLeftAsync(string database)
    {
        var count = await CountConnectionsAsync(database);
        for (var attempt = 0; attempt < 50 && count > 0; attempt++)
        {
            await Task.Delay(100);
            count = await CountConnectionsAsync(database);
        }
        return count;
    }
}
