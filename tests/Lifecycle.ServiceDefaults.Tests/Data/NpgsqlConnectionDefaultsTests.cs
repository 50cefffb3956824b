using Lifecycle.ServiceDefaults.Data;
using Lifecycle.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Lifecycle.ServiceDefaults.Tests.Data;

public sealed class NpgsqlConnectionDefaultsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public void Defaults_are_added_where_the_connection_string_is_silent()
    {
        var applied = new NpgsqlConnectionStringBuilder(NpgsqlConnectionDefaults.Apply("Host=db;Database=orders;Username=app"));

        Assert.True(applied.NoResetOnClose);
        Assert.Equal(NpgsqlConnectionDefaults.MaxAutoPrepare, applied.MaxAutoPrepare);
        Assert.True(applied.Multiplexing);
        Assert.Equal("orders", applied.Database);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0;Multiplexing=false")]
    [InlineData("Host=db;noresetonclose=False;MAXAUTOPREPARE=0;multiplexing=False")]
    public void Settings_the_connection_string_makes_are_kept(string connectionString)
    {
        var applied = new NpgsqlConnectionStringBuilder(NpgsqlConnectionDefaults.Apply(connectionString));

        Assert.False(applied.NoResetOnClose);
        Assert.Equal(0, applied.MaxAutoPrepare);
        Assert.False(applied.Multiplexing);
    }

    [Fact]
    public async Task A_service_context_on_postgres_connects_with_the_defaults()
    {
        var connectionString = await postgres.CreateDatabaseAsync("notes_defaults");
        await using var app = NotesDatabase.BuildUnstarted("Postgres", connectionString);
        await using var scope = app.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<NotesContext>().Database;

        var used = new NpgsqlConnectionStringBuilder(database.GetConnectionString());
        await database.MigrateAsync();

        Assert.True(used.NoResetOnClose);
        Assert.Equal(NpgsqlConnectionDefaults.MaxAutoPrepare, used.MaxAutoPrepare);
        Assert.True(used.Multiplexing);
        Assert.Equal(1, await NotesDatabase.CountAppliedMigrationsAsync(app));
    }
}
