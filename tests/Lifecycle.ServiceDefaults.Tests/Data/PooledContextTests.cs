using Lifecycle.ServiceDefaults.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lifecycle.ServiceDefaults.Tests.Data;

/// <summary>
/// AddServiceDbContext rents pooled contexts: a rental must start as a new context would, whatever the previous
/// renter changed or left behind (EF's pool reset, proven here on the settings our code changes).
/// </summary>
public sealed class PooledContextTests : IDisposable
{
    private readonly TestDirectory directory = new("pooled");

    private string ConnectionString => $"Data Source={Path.Combine(directory.Path, "notes.db")}";

    [Fact]
    public async Task A_context_rented_after_a_failed_save_and_changed_settings_starts_clean()
    {
        await using var app = await MigratedAppAsync();
        var id = Guid.NewGuid();
        await AddNoteAsync(app, id);
        DbContextId first;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotesContext>();
            first = db.ContextId;
            // What InboxBatcher and batch saves change on their context, and a save that fails (duplicate key).
            db.Database.AutoSavepointsEnabled = false;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            db.Database.SetCommandTimeout(TimeSpan.FromSeconds(3));
            db.Notes.Add(new Note { Id = id, Title = "duplicate", CreatedAt = DateTimeOffset.UtcNow });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotesContext>();

            Assert.Equal(first.InstanceId, db.ContextId.InstanceId); // the same pooled instance ...
            Assert.NotEqual(first.Lease, db.ContextId.Lease);        // ... in a new rental
            Assert.Empty(db.ChangeTracker.Entries());
            Assert.True(db.Database.AutoSavepointsEnabled);
            Assert.True(db.ChangeTracker.AutoDetectChangesEnabled);
            Assert.Equal(QueryTrackingBehavior.TrackAll, db.ChangeTracker.QueryTrackingBehavior);
            Assert.Null(db.Database.GetCommandTimeout());
            Assert.Null(db.Database.CurrentTransaction);
            Assert.Equal("first", (await db.Notes.SingleAsync(n => n.Id == id)).Title);
        }
    }

    [Fact]
    public async Task A_transaction_left_open_by_a_renter_is_rolled_back_before_the_next_rental()
    {
        await using var app = await MigratedAppAsync();
        var id = Guid.NewGuid();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotesContext>();
            await db.Database.BeginTransactionAsync();
            db.Notes.Add(new Note { Id = id, Title = "never committed", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotesContext>();

            Assert.Null(db.Database.CurrentTransaction);
            Assert.False(await db.Notes.AnyAsync(n => n.Id == id));
            // The write lock was released with it: this rental writes.
            await AddNoteAsync(app, Guid.NewGuid());
        }
    }

    [Fact]
    public async Task Pooling_can_be_turned_off_for_a_new_context_per_scope()
    {
        var builder = TestService.CreateBuilder(new Dictionary<string, string?>(NotesDatabase.Settings("Sqlite", ConnectionString))
        {
            [ServiceDbContextExtensions.ContextPoolingKey] = "false",
        });
        builder.AddServiceDbContext<NotesContext>(NotesDatabase.ConnectionName);
        await using var app = builder.Build();

        Guid InstanceOfNewScope()
        {
            using var scope = app.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<NotesContext>().ContextId.InstanceId;
        }

        Assert.NotEqual(InstanceOfNewScope(), InstanceOfNewScope());
    }

    private async Task<WebApplication> MigratedAppAsync()
    {
        var app = NotesDatabase.BuildUnstarted("Sqlite", ConnectionString);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotesContext>().Database.MigrateAsync();
        return app;
    }

    private static async Task AddNoteAsync(WebApplication app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesContext>();
        db.Notes.Add(new Note { Id = id, Title = "first", CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }

    public void Dispose() => directory.Dispose();
}
