using Lifecycle.Messaging.Persistence;
using Lifecycle.Messaging.TestDispatcher.Model;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;

namespace Lifecycle.Messaging.Tests;

/// <summary>
/// The SQLite write gate hands the turn to messaging writers (relay, inbox) before queued service writers, first come
/// first served within each kind, and never passes a waiting service writer over more than
/// <see cref="SqliteWriterQueue.MaxServiceBypasses"/> times.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class SqliteWritePriorityTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);
    private readonly SqliteWriteGate gate = new();
    private readonly List<TestDbContext> contexts = [];
    private TestDatabase? database;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);

    [Fact]
    public async Task A_messaging_writer_goes_before_service_writers_that_queued_earlier()
    {
        var holder = await gate.EnterAsync(Context(), CancellationToken.None);
        var service = Enter(SqliteWritePriority.Service);
        var messaging = Enter(SqliteWritePriority.Messaging);

        holder.Dispose();
        var first = await messaging;
        Assert.False(service.IsCompleted, "the service writer went before the messaging writer");

        first.Dispose();
        (await service).Dispose();
    }

    [Fact]
    public async Task Writers_of_one_kind_go_in_arrival_order()
    {
        var holder = await gate.EnterAsync(Context(), CancellationToken.None);
        var services = Enumerable.Range(0, 3).Select(_ => Enter(SqliteWritePriority.Service)).ToList();

        holder.Dispose();
        for (var i = 0; i < services.Count; i++)
        {
            var turn = await services[i];
            Assert.All(services.Skip(i + 1), later => Assert.False(later.IsCompleted, "a later service writer overtook an earlier one"));
            turn.Dispose();
        }
    }

    [Fact]
    public async Task A_waiting_service_writer_is_passed_over_a_bounded_number_of_times()
    {
        var turn = await gate.EnterAsync(Context(), CancellationToken.None);
        var service = Enter(SqliteWritePriority.Service);
        var bypasses = 0;
        // Messaging writers keep arriving while the service writer waits: each release has one queued.
        while (true)
        {
            var messaging = Enter(SqliteWritePriority.Messaging);
            turn.Dispose();
            var next = await Task.WhenAny(messaging, service);
            if (next == service)
            {
                (await service).Dispose();
                (await messaging).Dispose();
                break;
            }
            turn = await messaging;
            bypasses++;
            Assert.True(bypasses <= SqliteWriterQueue.MaxServiceBypasses, "the service writer was starved");
        }
        Assert.Equal(SqliteWriterQueue.MaxServiceBypasses, bypasses);
    }

    [Fact]
    public async Task A_writer_that_gives_up_waiting_leaves_the_queue_and_the_next_one_gets_the_turn()
    {
        var holder = await gate.EnterAsync(Context(), CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(Context(), SqliteWritePriority.Messaging, Timeout.InfiniteTimeSpan, cancel.Token).AsTask();
        var timedOut = gate.EnterAsync(Context(), SqliteWritePriority.Messaging, Short, CancellationToken.None).AsTask();
        var service = Enter(SqliteWritePriority.Service);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await Assert.ThrowsAsync<TimeoutException>(() => timedOut);
        holder.Dispose();
        (await service.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    private Task<IDisposable> Enter(SqliteWritePriority priority)
    {
        var waiting = gate.EnterAsync(Context(), priority, Timeout.InfiniteTimeSpan, CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted, "the turn was free");
        return waiting;
    }

    private TestDbContext Context()
    {
        var context = database!.CreateContext();
        contexts.Add(context);
        return context;
    }

    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.DisposeAsync();
        }
        database?.Dispose();
    }
}
