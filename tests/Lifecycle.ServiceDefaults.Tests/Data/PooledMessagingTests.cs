using Lifecycle.Contracts.Events;
using Lifecycle.Messaging;
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
/// AddServiceDbContext's pooled contexts they must still apply, and per rental, on a reused instance.
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

    [Fact]
    public async Task A_hold_left_on_a_connection_the_renter_opened_itself_is_released_when_a_messaging_write_enters_next()
    {
        // Not started: no dispatcher renting contexts in between, so the next rental is the same instance.
        await using var app = await BuildAsync();
        var gate = app.Services.GetRequiredService<SqliteWriteGate>();
        DbContextId left;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The renter opened the connection: when the pool takes the context back EF closes it without an event
            // the write-gate interceptor sees, so the transaction's hold outlives the rental.
            var db = scope.ServiceProvider.GetRequiredService<OutboxContext>();
            left = db.ContextId;
            await db.Database.OpenConnectionAsync();
            await db.Database.BeginTransactionAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The relay's and the inbox's way in (not the interceptor's): it must not wait for the stale hold.
            var db = scope.ServiceProvider.GetRequiredService<OutboxContext>();
            Assert.Equal(left.InstanceId, db.ContextId.InstanceId);
            using (await gate.EnterAsync(db, TimeSpan.FromSeconds(20), CancellationToken.None))
            {
                Assert.Equal(0, await db.Set<OutboxMessage>().CountAsync());
            }
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // And the gate is free for every other writer afterwards.
            scope.ServiceProvider.GetRequiredService<IEventPublisher>().Publish(NewEvent());
            await scope.ServiceProvider.GetRequiredService<OutboxContext>().SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
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
        var stale = signal.WaitAsync(TimeSpan.FromDays(1), FrozenTime.Instance, CancellationToken.None);
        await Task.Delay(200);
        Assert.False(stale.IsCompleted, "the next rental's commit woke the dispatcher for rows that were never committed");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IEventPublisher>().Publish(NewEvent());
            await scope.ServiceProvider.GetRequiredService<OutboxContext>().SaveChangesAsync();
        }
        await stale.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private async Task<WebApplication> StartAsync()
    {
        var app = await BuildAsync();
        await app.StartAsync();
        return app;
    }

    private async Task<WebApplication> BuildAsync()
    {
        var builder = TestService.CreateBuilder(new Dictionary<string, string?>
        {
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
