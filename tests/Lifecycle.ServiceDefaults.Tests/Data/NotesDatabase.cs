using Lifecycle.ServiceDefaults.Data;
using Lifecycle.ServiceDefaults.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lifecycle.ServiceDefaults.Tests.Data;

/// <summary>Hosts and helpers shared by the SQLite and PostgreSQL database tests.</summary>
internal static class NotesDatabase
{
    public const string ConnectionName = "notesdb";

    public static Dictionary<string, string?> Settings(string provider, string connectionString) => new()
    {
        ["Database:Provider"] = provider,
        [$"ConnectionStrings:{ConnectionName}"] = connectionString,
    };

    public static Task<TestService> StartServiceAsync(string provider, string connectionString) =>
        TestService.StartAsync(Settings(provider, connectionString), builder => builder.AddServiceDbContext<NotesContext>(ConnectionName));

    public static async Task WaitUntilMigratedAsync(TestService service) =>
        await service.Services.GetRequiredService<MigrationStatus<NotesContext>>().Migrated.WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>Builds a service's container without starting it, so tests can drive the context directly.</summary>
    public static WebApplication BuildUnstarted(string provider, string connectionString)
    {
        var builder = TestService.CreateBuilder(Settings(provider, connectionString));
        builder.AddServiceDbContext<NotesContext>(ConnectionName);
        return builder.Build();
    }

    /// <summary>Two "replicas" migrate one database at the same moment; EF's migration lock must serialise them.</summary>
    public static async Task MigrateConcurrentlyAsync(string provider, string connectionString)
    {
        await using var first = BuildUnstarted(provider, connectionString);
        await using var second = BuildUnstarted(provider, connectionString);
        using var start = new SemaphoreSlim(0);
        var migrations = new[] { first, second }.Select(app => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<NotesContext>();
            await start.WaitAsync();
            await context.Database.MigrateAsync();
        })).ToList();
        start.Release(2);
        await Task.WhenAll(migrations);
    }

    public static async Task<int> CountAppliedMigrationsAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<NotesContext>();
        return (await context.Database.GetAppliedMigrationsAsync()).Count();
    }

    public static async Task<Note> RoundTripNoteAsync(IServiceProvider services)
    {
        var id = Guid.NewGuid();
        await using (var scope = services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<NotesContext>();
            context.Notes.Add(new Note { Id = id, Title = "first", CreatedAt = DateTimeOffset.UtcNow });
            await context.SaveChangesAsync();
        }

        await using (var scope = services.CreateAsyncScope())
        {
            return await scope.ServiceProvider.GetRequiredService<NotesContext>().Notes.SingleAsync(note => note.Id == id);
        }
    }
}
