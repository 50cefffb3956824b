using System.Text.Json;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.Tests.Handlers;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.Tests;

/// <summary>
/// A row that fails to relay backs off, and its aggregate's later rows must wait behind it — otherwise a consumer
/// would see version 2 before version 1 — while other aggregates' rows, even later ones, go on.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class BackoffOrderTests(RabbitMqFixture rabbit, PostgresFixture postgres)
{
    private const string HeldAggregate = "contact-held";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_row_backing_off_holds_its_aggregates_later_rows_until_it_is_sent_and_lets_others_go(Provider provider)
    {
        using var database = await TestDatabase.CreateAsync(provider, postgres);
        await using var service = await ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, database,
            m => m.AddHandler<RecordContactHandler, ContactCreated>(concurrentMessageLimit: 1),
            new Dictionary<string, string?>
            {
                ["Messaging:Outbox:BatchSize"] = "4",
                ["Messaging:PrefetchCount"] = "1",
                ["Messaging:Outbox:MinBackoff"] = "00:00:00.200",
                ["Messaging:Outbox:MaxBackoff"] = "00:00:00.500",
            });
        await using var db = database.CreateContext();
        var first = TestEvents.Contact(HeldAggregate);
        var damaged = TestEvents.StoredRow(first, "null");
        db.Add(damaged);
        await db.SaveChangesAsync();
        var later = Enumerable.Range(0, 3).Select(_ => TestEvents.Contact(HeldAggregate)).ToList();
        var others = Enumerable.Range(0, 12).Select(_ => TestEvents.Contact()).ToList();

        // Sequence order: the damaged row, its aggregate's later rows, then the others spread over several batches.
        await service.CommitAsync(later);
        await service.CommitAsync(others);

        await service.WaitForEffectsAsync("record-contact", others.Count);
        await Eventually.UntilAsync(() => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.MessageId == damaged.MessageId),
            row => row.Attempts >= 2, TimeSpan.FromSeconds(30), "the damaged row to be retried");
        Assert.All(later, e => Assert.Equal(0, service.Deliveries.DeliveriesOf(e.EventId)));

        await db.Set<OutboxMessage>().Where(m => m.MessageId == damaged.MessageId)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Payload, JsonSerializer.Serialize(first, EventJson.Options)));

        var effects = await service.WaitForEffectsAsync("record-contact", others.Count + 1 + later.Count);
        var held = effects.Where(e => e.AggregateId == HeldAggregate).OrderBy(e => e.Id).Select(e => e.EventId);
        Assert.Equal(later.Select(e => e.EventId).Prepend(first.EventId), held);
    }
}
