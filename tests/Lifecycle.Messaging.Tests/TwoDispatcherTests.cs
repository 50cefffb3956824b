using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.Tests.Handlers;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Messaging.Tests;

/// <summary>Two replicas relaying one PostgreSQL outbox claim disjoint rows: every event goes to the broker once.</summary>
[Collection(BrokerCollection.Name)]
public sealed class TwoDispatcherTests(RabbitMqFixture rabbit, PostgresFixture postgres)
{
    private const int EventCount = 400;

    // Small batches and a short poll, so the two dispatchers race for rows many times during the test.
    private static readonly Dictionary<string, string?> RacingDispatcher = new()
    {
        ["Messaging:Outbox:BatchSize"] = "10",
        ["Messaging:Outbox:PollInterval"] = "00:00:00.050",
    };

    [Fact]
    public async Task Two_dispatchers_on_one_PostgreSQL_database_publish_each_event_exactly_once()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Postgres, postgres);
        // One message at a time, so when the sentinel below is consumed every earlier delivery has been counted.
        await using var consumer = await ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, database,
            m => m.AddHandler<RecordContactHandler, ContactCreated>(concurrentMessageLimit: 1), RacingDispatcher);
        await using var replica = await ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, database,
            _ => { }, RacingDispatcher);
        var events = Enumerable.Range(0, EventCount).Select(_ => TestEvents.Contact()).ToList();

        // Both replicas commit (and so wake their own dispatcher), as two instances behind a load balancer would.
        await Parallel.ForEachAsync(events.Chunk(5).Select((chunk, i) => (chunk, i)), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (work, _) => await (work.i % 2 == 0 ? consumer : replica).CommitAsync(work.chunk));
        await Eventually.UntilAsync(() => UnsentAsync(database), n => n == 0, TimeSpan.FromSeconds(120), "all rows marked sent");

        // Every confirmed publish is already in the queue; a sentinel published now is consumed after all of them.
        var sentinel = TestEvents.Contact();
        await consumer.Services.GetRequiredService<IBus>().Publish(sentinel, c => c.MessageId = sentinel.EventId);
        await consumer.WaitForEffectsAsync("record-contact", EventCount + 1, timeoutSeconds: 120);

        // No row is claimed by both dispatchers: an event reaches the queue twice only when its first publish was not
        // confirmed in time (a starved machine) and the row was retried, which the inbox then absorbs (effects below).
        var retried = await RetriedMessageIdsAsync(database);
        Assert.All(events.Where(e => !retried.Contains(e.EventId)), e => Assert.Equal(1, consumer.Deliveries.DeliveriesOf(e.EventId)));
        Assert.All(events.Where(e => retried.Contains(e.EventId)), e => Assert.True(consumer.Deliveries.DeliveriesOf(e.EventId) >= 1));
        var effects = await consumer.EffectsAsync("record-contact");
        Assert.Equal(events.Select(e => e.EventId).Append(sentinel.EventId).Order(), effects.Select(e => e.EventId).Order());
    }

    private static async Task<HashSet<Guid>> RetriedMessageIdsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return (await db.Set<OutboxMessage>().Where(m => m.Attempts > 0).Select(m => m.MessageId).ToListAsync()).ToHashSet();
    }

    private static async Task<int> UnsentAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null);
    }
}
