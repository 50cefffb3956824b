using System.Data.Common;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Persistence;
using Lifecycle.Messaging.TestDispatcher.Model;
using Lifecycle.Messaging.Tests.Handlers;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifecycle.Messaging.Tests;

/// <summary>
/// SerializeSqliteWrites: a SQLite service's own write transactions queue behind the same in-process gate as the
/// relay and the inbox (held from begin to commit/rollback, around a SaveChanges without one, reentrant for the
/// context holding it), and a service that opts in still gets every event applied exactly once.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class SqliteWriteGateTests(RabbitMqFixture rabbit, PostgresFixture postgres)
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task SaveChanges_waits_while_another_writer_of_the_process_holds_the_gate()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        var gate = new SqliteWriteGate();
        await using var service = GatedContext(database, gate);
        await using var messaging = database.CreateContext();

        var held = await gate.EnterAsync(messaging, CancellationToken.None);
        service.Customers.Add(new Customer { Id = "waited" });
        var saving = service.SaveChangesAsync();
        await Task.Delay(Short);
        Assert.False(saving.IsCompleted, "SaveChanges went ahead while the gate was held");
        Assert.Equal(0, await messaging.Customers.CountAsync());

        held.Dispose();
        Assert.Equal(1, await saving);
        // Released after the save: the next writer gets in at once.
        using (await gate.EnterAsync(messaging, Short, CancellationToken.None))
        {
        }
    }

    [Fact]
    public async Task A_SaveChanges_without_a_transaction_holds_the_gate_only_while_its_statement_runs()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        var gate = new SqliteWriteGate();
        await using var other = database.CreateContext();
        var turns = new List<string>();
        // Runs after the gate interceptor at each point: before the statement (SaveChanges has begun) and once it is done.
        var probe = new GateProbe(async moment =>
        {
            var entered = await Record.ExceptionAsync(async () =>
            {
                using var _ = await gate.EnterAsync(other, TimeSpan.Zero, CancellationToken.None);
            });
            turns.Add($"{moment}: {(entered is null ? "free" : "held")}");
        });
        var options = new DbContextOptionsBuilder<TestDbContext>();
        database.Configure(options);
        options.AddInterceptors(new SqliteWriteGateInterceptor(gate), probe);
        await using var service = new TestDbContext(options.Options);

        service.Customers.Add(new Customer { Id = "one-statement" });
        await service.SaveChangesAsync();

        Assert.Equal(["saving: free", "statement: held", "saved: free"], turns);
        Assert.Equal(1, await other.Customers.CountAsync());
    }

    [Fact]
    public async Task A_transaction_holds_the_gate_until_commit_and_the_holding_context_passes_again()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        var gate = new SqliteWriteGate();
        await using var service = GatedContext(database, gate);
        await using var other = database.CreateContext();

        await using (var transaction = await service.Database.BeginTransactionAsync())
        {
            await Assert.ThrowsAsync<TimeoutException>(async () => await gate.EnterAsync(other, Short, CancellationToken.None));
            // The context holding it passes (as the library's inbox and relay do around their own transactions).
            using (await gate.EnterAsync(service, Short, CancellationToken.None))
            {
                service.Customers.Add(new Customer { Id = "in-transaction" });
                await service.SaveChangesAsync();
            }
            await Assert.ThrowsAsync<TimeoutException>(async () => await gate.EnterAsync(other, Short, CancellationToken.None));
            await transaction.CommitAsync();
        }

        using (await gate.EnterAsync(other, Short, CancellationToken.None))
        {
            Assert.Equal(1, await other.Customers.CountAsync());
        }
    }

    [Fact]
    public async Task Rollback_and_a_transaction_disposed_without_commit_release_the_gate()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        var gate = new SqliteWriteGate();
        await using var service = GatedContext(database, gate);
        await using var other = database.CreateContext();

        await using (var transaction = await service.Database.BeginTransactionAsync())
        {
            await transaction.RollbackAsync();
        }
        using (await gate.EnterAsync(other, Short, CancellationToken.None))
        {
        }

        await using (await service.Database.BeginTransactionAsync())
        {
            service.Customers.Add(new Customer { Id = "abandoned" });
            await service.SaveChangesAsync();
        }
        using (await gate.EnterAsync(other, Short, CancellationToken.None))
        {
            Assert.Equal(0, await other.Customers.CountAsync());
        }
    }

    [Fact]
    public async Task A_writer_that_waits_longer_than_the_timeout_fails_instead_of_hanging()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        var gate = new SqliteWriteGate();
        await using var service = GatedContext(database, gate, waitTimeout: Short);
        await using var messaging = database.CreateContext();

        using (await gate.EnterAsync(messaging, CancellationToken.None))
        {
            service.Customers.Add(new Customer { Id = "timed-out" });
            // Wrapped by EF like SQLite's own SQLITE_BUSY would be: the statement's execution is what waited.
            var failure = await Assert.ThrowsAsync<DbUpdateException>(() => service.SaveChangesAsync());
            Assert.IsType<TimeoutException>(failure.InnerException);
        }
    }

    [Fact]
    public async Task Concurrent_gated_commits_and_the_inbox_apply_every_event_exactly_once()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        await using var service = await ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, database, m =>
        {
            m.AddHandler<RecordContactHandler, ContactCreated>(concurrentMessageLimit: 16);
            m.SerializeSqliteWrites();
        });
        var events = Enumerable.Range(0, 400).Select(_ => TestEvents.Contact()).ToList();

        // 32 requests at once, one event each, while the relay marks and the inbox commits on the same file.
        await Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (e, _) => await service.CommitAsync(e));

        var effects = await service.WaitForEffectsAsync("record-contact", events.Count);
        Assert.Equal(events.Select(e => e.EventId).Order(), effects.Select(e => e.EventId).Order());
        await using var db = database.CreateContext();
        Assert.Equal(events.Count, await db.Customers.CountAsync());
    }

    private static TestDbContext GatedContext(TestDatabase database, SqliteWriteGate gate, TimeSpan? waitTimeout = null)
    {
        var options = new DbContextOptionsBuilder<TestDbContext>();
        database.Configure(options);
        options.AddInterceptors(new SqliteWriteGateInterceptor(gate, waitTimeout));
        return new TestDbContext(options.Options);
    }

    /// <summary>Calls back at SaveChanges' start, at its statement's execution (after the gate interceptor's) and end.</summary>
    private sealed class GateProbe(Func<string, Task> at) : DbCommandInterceptor, ISaveChangesInterceptor
    {
        public async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await at("saving");
            return result;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await at("statement");
            return result;
        }

        public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            await at("saved");
            return result;
        }
    }
}
