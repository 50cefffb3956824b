using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.Tests.Handlers;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Messaging.Tests;

/// <summary>The outbox and inbox guarantees, each on SQLite and on PostgreSQL, against a real RabbitMQ.</summary>
[Collection(BrokerCollection.Name)]
public sealed class OutboxInboxTests(RabbitMqFixture rabbit, PostgresFixture postgres)
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Rolled_back_unit_of_work_sends_nothing(Provider provider)
    {
        using var database = await TestDatabase.CreateAsync(provider, postgres);
        await using var service = await StartAsync(database, m => m.AddHandler<RecordContactHandler, ContactCreated>());
        var rolledBack = TestEvents.Contact();
        var committed = TestEvents.Contact();

        await service.CommitAsync([rolledBack], rollBack: true);
        await service.CommitAsync(committed);

        // The later commit arriving proves the dispatcher ran past the point where the rolled-back event would be.
        var effects = await service.WaitForEffectsAsync("record-contact", 1);
        Assert.Equal([committed.EventId], effects.Select(e => e.EventId));
        Assert.Equal(0, service.Deliveries.DeliveriesOf(rolledBack.EventId));
        await using var db = database.CreateContext();
        Assert.False(await db.Set<OutboxMessage>().AnyAsync(m => m.MessageId == rolledBack.EventId));
        Assert.False(await db.Customers.AnyAsync(c => c.Id == $"{rolledBack.EventId:N}"));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Committed_events_are_consumed_once_and_marked_sent(Provider provider)
    {
        using var database = await TestDatabase.CreateAsync(provider, postgres);
        await using var service = await StartAsync(database, m => m.AddHandler<RecordContactHandler, ContactCreated>());
        var events = Enumerable.Range(0, 50).Select(_ => TestEvents.Contact()).ToList();

        await service.CommitAsync(events);

        var effects = await service.WaitForEffectsAsync("record-contact", events.Count);
        Assert.Equal(events.Select(e => e.EventId).Order(), effects.Select(e => e.EventId).Order());
        await Eventually.UntilAsync(() => UnsentAsync(database), n => n == 0, TimeSpan.FromSeconds(30), "all rows marked sent");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Redelivered_message_is_acknowledged_without_effect(Provider provider)
    {
        using var database = await TestDatabase.CreateAsync(provider, postgres);
        await using var service = await StartAsync(database, m => m.AddHandler<RecordContactHandler, ContactCreated>());
        var contact = TestEvents.Contact();
        var bus = service.Services.GetRequiredService<IBus>();

        // The same message id twice, as a dispatcher crash or broker redelivery would produce it.
        await bus.Publish(contact, c => c.MessageId = contact.EventId);
        await bus.Publish(contact, c => c.MessageId = contact.EventId);

        await Eventually.UntilAsync(() => Task.FromResult(service.Deliveries.DeliveriesOf(contact.EventId)), n => n == 2,
            TimeSpan.FromSeconds(30), "both deliveries");
        var effects = await service.WaitForEffectsAsync("record-contact", 1);
        Assert.Single(effects);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Handler_that_throws_three_times_then_succeeds_applies_one_effect(Provider provider)
    {
        using var database = await TestDatabase.CreateAsync(provider, postgres);
        await using var service = await StartAsync(database, m => m.AddHandler<FailingThriceHandler, OrderPaid>());
        var paid = TestEvents.Paid();

        await service.CommitAsync(paid);

        var effects = await service.WaitForEffectsAsync("failing-thrice", 1);
        Assert.Equal(paid.EventId, Assert.Single(effects).EventId);
        Assert.Equal(FailingThriceHandler.Failures + 1, service.Services.GetRequiredService<AttemptCounter>().Of(paid.EventId));
    }

    private Task<ServiceUnderTest> StartAsync(TestDatabase database, Action<Configuration.MessagingBuilder<TestDispatcher.Model.TestDbContext>> handlers) =>
        ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, database, handlers);

    private static async Task<int> UnsentAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null);
    }
}
