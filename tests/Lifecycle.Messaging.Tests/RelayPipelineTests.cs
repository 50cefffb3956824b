using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.Tests.Handlers;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.Tests;

/// <summary>
/// A backlog of many relay batches: each batch is marked sent while the next is claimed and published, so the next
/// claim must skip the rows still being marked (SQLite has no row locks to do it) — otherwise they would be sent
/// twice — and each aggregate's events must still reach the queue in order.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class RelayPipelineTests(RabbitMqFixture rabbit, PostgresFixture postgres)
{
    private const int Aggregates = 8;
    private const int EventsPerAggregate = 30;

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_backlog_of_many_batches_is_sent_once_per_row_and_in_order_per_aggregate(Provider provider)
    {
        using var database = await TestDatabase.CreateAsync(provider, postgres);
        // One message at a time in queue order, so the effects' insertion order is the order the relay published in.
        await using var service = await ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, database,
            m => m.AddHandler<RecordContactHandler, ContactCreated>(concurrentMessageLimit: 1),
            new Dictionary<string, string?> { ["Messaging:Outbox:BatchSize"] = "16", ["Messaging:PrefetchCount"] = "1" });
        // Interleaved: every batch of 16 holds rows of every aggregate.
        var events = Enumerable.Range(0, EventsPerAggregate)
            .SelectMany(version => Enumerable.Range(0, Aggregates).Select(a => (Version: version, Event: TestEvents.Contact($"contact-{a}"))))
            .ToList();

        await service.CommitAsync([.. events.Select(e => e.Event)]);

        var effects = await service.WaitForEffectsAsync("record-contact", events.Count);
        await Eventually.UntilAsync(() => UnsentAsync(database), n => n == 0, TimeSpan.FromSeconds(30), "all rows marked sent");
        Assert.All(events, e => Assert.Equal(1, service.Deliveries.DeliveriesOf(e.Event.EventId)));
        var versionOf = events.ToDictionary(e => e.Event.EventId, e => e.Version);
        foreach (var aggregate in effects.OrderBy(e => e.Id).GroupBy(e => e.AggregateId))
        {
            Assert.Equal(Enumerable.Range(0, EventsPerAggregate), aggregate.Select(e => versionOf[e.EventId]));
        }
    }

    private static async Task<int> UnsentAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null);
    }
}
