using System.Globalization;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Configuration;
using Lifecycle.Messaging.DeadLetters;
using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.Tests.Handlers;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Messaging.Tests;

/// <summary>
/// Group commit of concurrently consumed messages: a backlog (queued while its consumer was down, then prefetched at
/// once) is applied in batches; a batch holding a redelivered message and a poison message still applies every other
/// message exactly once and dead-letters only the poison, and by default each handler sees the earlier ones' effects.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class InboxBatchTests(RabbitMqFixture rabbit, PostgresFixture postgres)
{
    private const int Healthy = 40;

    [Theory]
    [InlineData(Provider.Sqlite, InboxBatchSaving.AfterEachMessage)]
    [InlineData(Provider.Sqlite, InboxBatchSaving.OncePerBatch)]
    [InlineData(Provider.Postgres, InboxBatchSaving.AfterEachMessage)]
    [InlineData(Provider.Postgres, InboxBatchSaving.OncePerBatch)]
    public async Task Backlog_with_a_duplicate_and_a_poison_applies_each_healthy_message_once_and_dead_letters_only_the_poison(
        Provider provider, InboxBatchSaving saving)
    {
        using var database = await TestDatabase.CreateAsync(provider, postgres);
        using var producerDatabase = await TestDatabase.CreateAsync(provider, postgres);
        var serviceName = ServiceNames.Unique();
        var queue = QueueNames.For(serviceName, typeof(PoisonSensitiveHandler));
        // Declares and binds the durable queue, then goes away: what follows piles up in the queue as a backlog.
        await (await StartConsumerAsync(serviceName, database, saving)).DisposeAsync();

        var poison = TestEvents.Cancelled(PoisonSensitiveHandler.PoisonReason);
        var healthy = Enumerable.Range(0, Healthy).Select(_ => TestEvents.Cancelled("customer asked")).ToList();
        var duplicated = healthy[Healthy / 2];
        await using (var producer = await ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, producerDatabase, _ => { }))
        {
            await producer.CommitAsync([.. healthy[..(Healthy / 2)], poison, .. healthy[(Healthy / 2)..]]);
            // A second copy of one message, as a relay crash between publish and marking sent produces it. Published
            // from Task.Run: MassTransit sets its AsyncLocal log context on the calling flow when it is empty, and the
            // consumer host started below in this flow would then log through this host's disposed logger factory.
            var bus = producer.Services.GetRequiredService<IBus>();
            await Task.Run(() => bus.Publish(duplicated, c => c.MessageId = duplicated.EventId));
            await Eventually.UntilAsync(() => UnsentAsync(producerDatabase), n => n == 0, TimeSpan.FromSeconds(30), "the backlog relayed");
        }

        // Prefetch hands the consumer the whole backlog at once: its messages are consumed concurrently and batched.
        await using var service = await StartConsumerAsync(serviceName, database, saving);

        var applied = await service.WaitForEffectsAsync("poison-sensitive", Healthy);
        Assert.Equal(healthy.Select(e => e.EventId).Order(), applied.Select(e => e.EventId).Order());
        await Eventually.UntilAsync(() => Task.FromResult(service.Deliveries.DeliveriesOf(duplicated.EventId)), n => n == 2,
            TimeSpan.FromSeconds(30), "both copies delivered");
        var deadLetters = new DeadLetterQueue(rabbit.ConnectionString);
        var listed = await Eventually.UntilAsync(() => deadLetters.ListAsync(queue), l => l.Count == 1, TimeSpan.FromSeconds(30), "the poison in _error");
        Assert.Equal(poison.EventId, Guid.Parse(listed[0].MessageId!));
        Assert.Equal(Healthy, (await service.EffectsAsync("poison-sensitive")).Count); // the duplicate changed nothing

        service.Services.GetRequiredService<PoisonSwitch>().Enabled = false;
        Assert.Equal(1, await deadLetters.ReplayAsync(queue, listed[0].MessageId));
        var afterReplay = await service.WaitForEffectsAsync("poison-sensitive", Healthy + 1);
        Assert.Equal(healthy.Select(e => e.EventId).Append(poison.EventId).Order(), afterReplay.Select(e => e.EventId).Order());
        await using var db = database.CreateContext();
        Assert.Equal(Healthy + 1, await db.Set<InboxMessage>().CountAsync());
    }

    [Fact]
    public async Task Handlers_in_one_batch_see_the_earlier_handlers_effects_by_default()
    {
        // SQLite: one writer, so one-by-one processing is strictly sequential and the ordinals must be 0..n-1.
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        using var producerDatabase = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        var serviceName = ServiceNames.Unique();
        Task<ServiceUnderTest> StartCounterAsync() => ServiceUnderTest.StartAsync(serviceName, rabbit.ConnectionString, database,
            m => m.AddHandler<CountingHandler, ContactUpdated>(concurrentMessageLimit: 16),
            new Dictionary<string, string?> { ["Messaging:PrefetchCount"] = "64" });
        await (await StartCounterAsync()).DisposeAsync();
        var updates = Enumerable.Range(0, Healthy).Select(i => new ContactUpdated { AggregateId = "contact-1", AggregateVersion = i + 1, ChangedFields = ["name"] }).ToList();
        await using (var producer = await ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, producerDatabase, _ => { }))
        {
            await producer.CommitAsync(updates);
            await Eventually.UntilAsync(() => UnsentAsync(producerDatabase), n => n == 0, TimeSpan.FromSeconds(30), "the backlog relayed");
        }

        await using var service = await StartCounterAsync();

        var effects = await service.WaitForEffectsAsync(CountingHandler.Consumer, Healthy);
        Assert.Equal(Enumerable.Range(0, Healthy), effects.Select(e => int.Parse(e.AggregateId, CultureInfo.InvariantCulture)).Order());
    }

    [Fact]
    public async Task A_batched_delivery_does_not_build_a_handler_of_its_own()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        using var producerDatabase = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        var serviceName = ServiceNames.Unique();
        Task<ServiceUnderTest> StartCountingAsync() => ServiceUnderTest.StartAsync(serviceName, rabbit.ConnectionString, database,
            m => m.AddHandler<ConstructionCountingHandler, ContactCreated>(concurrentMessageLimit: 16),
            new Dictionary<string, string?> { ["Messaging:PrefetchCount"] = "64" },
            services => services.AddSingleton<ConstructionCounter>());
        await (await StartCountingAsync()).DisposeAsync();
        var events = Enumerable.Range(0, Healthy).Select(_ => TestEvents.Contact()).ToList();
        await using (var producer = await ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, producerDatabase, _ => { }))
        {
            await producer.CommitAsync(events);
            await Eventually.UntilAsync(() => UnsentAsync(producerDatabase), n => n == 0, TimeSpan.FromSeconds(30), "the backlog relayed");
        }

        await using var service = await StartCountingAsync();

        var effects = await service.WaitForEffectsAsync(ConstructionCountingHandler.Consumer, Healthy);
        Assert.Equal(events.Select(e => e.EventId).Order(), effects.Select(e => e.EventId).Order());
        // One handler per batch; a consumer that built its own per delivery would have made at least one per message.
        var built = service.Services.GetRequiredService<ConstructionCounter>().Count;
        Assert.InRange(built, 1, Healthy - 1);
    }

    [Fact]
    public async Task A_batch_preparer_sees_the_batch_before_its_handlers_run()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        using var producerDatabase = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        var serviceName = ServiceNames.Unique();
        Task<ServiceUnderTest> StartPreparedAsync() => ServiceUnderTest.StartAsync(serviceName, rabbit.ConnectionString, database,
            m => m.AddHandler<PreparedBatchHandler, ContactCreated>(concurrentMessageLimit: 16),
            new Dictionary<string, string?> { ["Messaging:PrefetchCount"] = "64" },
            services => services.AddSingleton<PreparerCalls>().AddScoped<PreparedEvents>()
                .AddScoped<IIntegrationEventBatchPreparer<ContactCreated>, ContactCreatedBatchPreparer>());
        await (await StartPreparedAsync()).DisposeAsync();
        var events = Enumerable.Range(0, Healthy).Select(_ => TestEvents.Contact()).ToList();
        await using (var producer = await ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, producerDatabase, _ => { }))
        {
            await producer.CommitAsync(events);
            await Eventually.UntilAsync(() => UnsentAsync(producerDatabase), n => n == 0, TimeSpan.FromSeconds(30), "the backlog relayed");
        }

        await using var service = await StartPreparedAsync();

        var effects = await service.WaitForEffectsAsync(PreparedBatchHandler.Consumer, Healthy);
        Assert.Equal(events.Select(e => e.EventId).Order(), effects.Select(e => e.EventId).Order());
        // Every handler found its event among what the preparer of its own batch (same scope) had been given.
        Assert.All(effects, e => Assert.Equal("prepared", e.AggregateId));
        // Once per batch, not once per message.
        Assert.InRange(service.Services.GetRequiredService<PreparerCalls>().Count, 1, Healthy - 1);
    }

    private Task<ServiceUnderTest> StartConsumerAsync(string serviceName, TestDatabase database, InboxBatchSaving saving) =>
        ServiceUnderTest.StartAsync(serviceName, rabbit.ConnectionString, database,
            m => m.AddHandler<PoisonSensitiveHandler, OrderCancelled>(concurrentMessageLimit: 16, batchSaving: saving),
            new Dictionary<string, string?> { ["Messaging:PrefetchCount"] = "64" });

    private static async Task<int> UnsentAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null);
    }
}
