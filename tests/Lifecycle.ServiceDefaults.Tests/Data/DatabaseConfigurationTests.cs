using System.Net;
using Lifecycle.ServiceDefaults.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lifecycle.ServiceDefaults.Tests.Data;

public sealed class DatabaseConfigurationTests
{
    [Fact]
    public async Task An_unreachable_database_keeps_the_service_alive_but_not_ready()
    {
        // Nothing listens on a port that was just free; the migrator keeps retrying in the background.
        var connectionString = $"Host=127.0.0.1;Port={FreePort.Next()};Database=notes;Username=postgres;Timeout=2";
        await using var service = await NotesDatabase.StartServiceAsync("Postgres", connectionString);
        using var client = service.CreateHttp2Client();

        var health = await client.GetAsync("/health");
        var alive = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("notesdb: Unhealthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task An_unknown_provider_fails_start_up_naming_the_key()
    {
        await using var app = NotesDatabase.BuildUnstarted("Oracle", "Data Source=notes.db");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("\"Database:Provider\" is \"Oracle\"", error.Message);
    }

    [Fact]
    public async Task A_missing_connection_string_fails_start_up_naming_the_key()
    {
        var builder = TestService.CreateBuilder(new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite" });
        builder.AddServiceDbContext<NotesContext>(NotesDatabase.ConnectionName);
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("ConnectionStrings:notesdb", error.Message);
    }
}
