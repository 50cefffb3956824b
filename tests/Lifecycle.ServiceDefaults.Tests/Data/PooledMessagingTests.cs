using Lifecycle.Contracts.Events;
using Lifecycle.Messaging;
using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.Persistence;
using Lifecycle.ServiceDefaults.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lifecycle.ServiceDefaults.Tests.Data;

/// <summary>
/// Lifecycle.Messaging adds its interceptors through ConfigureDbContext and keeps per-context state in them: with
/// AddServiceDbContext's pooled contexts they must still apply, and per rental, on a reused instance — what a rental
/// leaves is dropped when the context goes back to the pool (and, unpooled, when it is disposed).
/// </summary>
public sealed class PooledMessagingTests(RabbitMqFixture rabbit) : IClassFixture<RabbitMqFixture>, IDisposable
{
    private const string DatabaseName = "outboxdb";
    private readonly TestDirectory directory = new("pooled-outbox");

    [Fact]
    public async Task Outbox_rows_committed_through_reused_pooled_contexts_are_relayed_on_the_commit_signal()
    {
        await using var app = await StartAsync();
        var rentals = new List<DbContextId>();

        for (var i = 0; i < 3; i++)
        {
            Guid eventId;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<OutboxContext>();
                rentals.Add(db.ContextId);
                var paid = NewEvent();
                eventId = paid.EventId;
                scope.ServiceProvider.GetRequiredService<IEventPublisher>().Publish(paid);
                await db.SaveChangesAsync();
            }
            // The poll interval is 10 minutes: only the outbox interceptor's commit signal gets the row relayed now.
            await WaitUntilSentAsync(app, eventId);
        }

        // By then the pool holds only contexts rented before (by the dispatcher and the wait): the last unit of work
        // ran on a reused instance, in a later lease.
        Assert.True(rentals[^1].Lease > 1, $"lease {rentals[^1].Lease}: not a reused context");
    }

    [Fact]
    public async Task A_write_transaction_a_renter_never_ended_does_not_hold_the_sqlite_write_gate_for_the_next()
    {
        await using var app = await StartAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // SerializeSqliteWrites: BeginTransaction enters the process's write gate; the scope ends without commit.
            await scope.ServiceProvider.GetRequiredService<OutboxContext>().Database.BeginTransactionAsync();
        }

        // A leaked hold would make both wait 30 s for the gate and fail with TimeoutException.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OutboxContext>();
            scope.ServiceProvider.GetRequiredService<IEventPublisher>().Publish(NewEvent());
            await db.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OutboxContext>();
            using (await app.Services.GetRequiredService<SqliteWriteGate>().EnterAsync(db, TimeSpan.FromSeconds(20), CancellationToken.None))
            {
                Assert.Equal(1, await db.Set<OutboxMessage>().CountAsync());
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_hold_left_on_a_connection_the_renter_opened_itself_is_released_when_its_use_ends(bool pooled)
    {
        // Not started: no dispatcher renting contexts in between, so the next rental is the same instance.
        await using var app = await BuildAsync(pooled);
        var gate = app.Services.GetRequiredService<SqliteWriteGate>();
        DbContextId left;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The renter opened the connection: when the pool takes the context back EF ends the transaction without an
            // event the write-gate interceptor sees; the return hook (or, unpooled, the disposal) must release the hold.
            var db = scope.ServiceProvider.GetRequiredService<OutboxContext>();
            left = db.ContextId;
            await db.Database.OpenConnectionAsync();
            await db.Database.BeginTransactionAsync();
        }

        await using (var idle = app.Services.CreateAsyncScope())
        {
            // The instance that left the hold is rented again but never writes: nothing of it enters the gate.
            var again = idle.ServiceProvider.GetRequiredService<OutboxContext>();
            Assert.Equal(pooled, left.InstanceId == again.ContextId.InstanceId);

            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OutboxContext>();
            Assert.NotEqual(left.InstanceId, db.ContextId.InstanceId);
            // The relay's and the inbox's way in: a stale hold would time it out.
            using (await gate.EnterAsync(db, TimeSpan.FromSeconds(10), CancellationToken.None))
            {
                Assert.Equal(0, await db.Set<OutboxMessage>().CountAsync());
            }
            // And the interceptor's (a service's own write).
            scope.ServiceProvider.GetRequiredService<IEventPublisher>().Publish(NewEvent());
            await db.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_rental_that_published_but_failed_to_save_does_not_wake_the_dispatcher_for_the_next_commit(bool pooled)
    {
        await using var app = await BuildAsync(pooled);
        var signal = app.Services.GetRequiredService<OutboxSignal<OutboxContext>>();
        var published = NewEvent();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IEventPublisher>().Publish(published);
            await scope.ServiceProvider.GetRequiredService<OutboxContext>().SaveChangesAsync();
        }
        await signal.WaitAsync(TimeSpan.FromDays(1), FrozenTime.Instance, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        DbContextId failed;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The same event again: the outbox's unique event id fails the save, and the caller gives up.
            var db = scope.ServiceProvider.GetRequiredService<OutboxContext>();
            failed = db.ContextId;
            scope.ServiceProvider.GetRequiredService<IEventPublisher>().Publish(published);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OutboxContext>();
            Assert.Equal(pooled, failed.InstanceId == db.ContextId.InstanceId);
            // Commits without outbox rows: a save and an explicit transaction.
            db.Set<InboxMessage>().Add(new InboxMessage { Consumer = "test", MessageId = Guid.NewGuid(), ProcessedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await transaction.CommitAsync();
        }
        var stale = await NotWokenYetAsync(signal, "a commit without outbox rows woke the dispatcher for a failed rental's rows");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IEventPublisher>().Publish(NewEvent());
            await scope.ServiceProvider.GetRequiredService<OutboxContext>().SaveChangesAsync();
        }
        await stale.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_save_that_failed_and_is_retried_in_the_same_rental_wakes_the_dispatcher_when_it_succeeds()
    {
        await using var app = await BuildAsync();
        var signal = app.Services.GetRequiredService<OutboxSignal<OutboxContext>>();
        var taken = Guid.NewGuid();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OutboxContext>();
            db.Set<InboxMessage>().Add(new InboxMessage { Consumer = "test", MessageId = taken, ProcessedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The event and a row that collides: the save fails, the event's row stays added for the retry.
            var db = scope.ServiceProvider.GetRequiredService<OutboxContext>();
            scope.ServiceProvider.GetRequiredService<IEventPublisher>().Publish(NewEvent());
            var collision = db.Set<InboxMessage>().Add(new InboxMessage { Consumer = "test", MessageId = taken, ProcessedAt = DateTime.UtcNow });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            var afterFailure = await NotWokenYetAsync(signal, "a failed save woke the dispatcher");

            collision.State = EntityState.Detached;
            await db.SaveChangesAsync();
            await afterFailure.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task Rows_a_rollback_left_added_wake_the_dispatcher_when_a_retry_commits_them()
    {
        await using var app = await BuildAsync();
        var signal = app.Services.GetRequiredService<OutboxSignal<OutboxContext>>();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OutboxContext>();
        scope.ServiceProvider.GetRequiredService<IEventPublisher>().Publish(NewEvent());

        // An execution strategy's retryable unit: saved without accepting, so after the rollback the row is still added.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false);
            await transaction.RollbackAsync();
        }
        var woken = await NotWokenYetAsync(signal, "a rolled-back transaction woke the dispatcher");

        // The retry saves the same row in a new transaction and commits it.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false);
            await transaction.CommitAsync();
        }
        db.ChangeTracker.AcceptAllChanges();
        await woken.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_commit_mark_left_by_an_earlier_rental_does_not_wake_the_dispatcher_for_the_next()
    {
        await using var app = await BuildAsync();
        var signal = app.Services.GetRequiredService<OutboxSignal<OutboxContext>>();
        DbContextId left;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Outbox rows saved in a transaction that is disposed without commit or rollback: no event clears the mark.
            var db = scope.ServiceProvider.GetRequiredService<OutboxContext>();
            left = db.ContextId;
            await using var transaction = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<IEventPublisher>().Publish(NewEvent());
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OutboxContext>();
            Assert.Equal(left.InstanceId, db.ContextId.InstanceId);
            await db.SaveChangesAsync(); // commits nothing for the outbox
        }
        var stale = await NotWokenYetAsync(signal, "the next rental's commit woke the dispatcher for rows that were never committed");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IEventPublisher>().Publish(NewEvent());
            await scope.ServiceProvider.GetRequiredService<OutboxContext>().SaveChangesAsync();
        }
        await stale.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Starts waiting for the dispatcher's wake-up, checks none came within 200 ms, and returns the wait, which a later
    /// commit of outbox rows must complete.
    /// </summary>
    private static async Task<Task> NotWokenYetAsync(OutboxSignal<OutboxContext> signal, string because)
    {
        var woken = signal.WaitAsync(TimeSpan.FromDays(1), FrozenTime.Instance, CancellationToken.None);
        await Task.Delay(200);
        Assert.False(woken.IsCompleted, because);
        return woken;
    }

    private async Task<WebApplication> StartAsync()
    {
        var app = await BuildAsync(pooled: true);
        await app.StartAsync();
        return app;
    }

    private async Task<WebApplication> BuildAsync(bool pooled = true)
    {
        var builder = TestService.CreateBuilder(new Dictionary<string, string?>
        {
            [ServiceDbContextExtensions.ContextPoolingKey] = pooled ? "true" : "false",
            ["Database:Provider"] = "Sqlite",
            [$"ConnectionStrings:{DatabaseName}"] = $"Data Source={Path.Combine(directory.Path, "outbox.db")}",
            [$"ConnectionStrings:{MessagingExtensions.ConnectionStringName}"] = rabbit.ConnectionString,
            ["Messaging:Outbox:PollInterval"] = "00:10:00",
        });
        builder.AddServiceDbContext<OutboxContext>(DatabaseName);
        builder.AddMessaging<OutboxContext>($"pooled-{Guid.NewGuid():N}"[..16], m => m.SerializeSqliteWrites());
        var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxContext>().Database.EnsureCreatedAsync();
        }
        return app;
    }

    private static async Task WaitUntilSentAsync(WebApplication app, Guid eventId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var row = await scope.ServiceProvider.GetRequiredService<OutboxContext>().Set<OutboxMessage>()
                    .AsNoTracking().SingleAsync(m => m.MessageId == eventId);
                if (row.SentAt is not null)
                {
                    return;
                }
            }
            Assert.True(DateTime.UtcNow < deadline, $"Event {eventId} was not relayed within 30 s of its commit");
            await Task.Delay(50);
        }
    }

    private static OrderPaid NewEvent() => new()
    {
        AggregateId = $"order-{Guid.NewGuid():N}",
        AggregateVersion = 1,
        ContactId = "contact-1",
        AmountMinor = 4200,
        Currency = "EUR",
        OccurredAt = DateTimeOffset.UtcNow,
    };

    public void Dispose() => directory.Dispose();

    /// <summary>A clock whose timers never fire: a wait on it ends only when signalled.</summary>
    private sealed class FrozenTime : TimeProvider
    {
        public static readonly FrozenTime Instance = new();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new NeverTimer();

        private sealed class NeverTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    /// <summary>A service database with only the outbox and inbox; created with EnsureCreated (no migrations).</summary>
    public sealed class OutboxContext(DbContextOptions<OutboxContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddOutboxAndInbox();
    }
}
