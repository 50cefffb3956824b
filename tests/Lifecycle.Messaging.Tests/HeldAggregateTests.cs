using System.Text.Json;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.TestDispatcher.Model;
using Lifecycle.Messaging.Tests.Handlers;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.Tests;

/// <summary>
/// One aggregate with more rows than a batch behind a row that keeps failing must not stall the outbox: the claim
/// leaves held aggregates out, so other aggregates' rows keep going, while the held aggregate's rows go only after
/// its failing row and in sequence order. (The claim used to return a batch of held rows on every pass.)
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class HeldAggregateTests(RabbitMqFixture rabbit, PostgresFixture postgres)
{
    private const string HeldAggregate = "contact-held";
    private const int BatchSize = 5;
    private const int LaterRows = 2 * BatchSize;
    private const int OtherRows = 12;

    private static readonly Dictionary<string, string?> SmallBatches = new()
    {
        ["Messaging:Outbox:BatchSize"] = $"{BatchSize}",
        // One consumer at a time: the effects' order is the order the events were consumed in.
        ["Messaging:PrefetchCount"] = "1",
        ["Messaging:Outbox:MinBackoff"] = "00:00:00.200",
        ["Messaging:Outbox:MaxBackoff"] = "00:00:00.500",
    };

    // No hold can run out during the test (a hold once ran out at pass start + MaxBackoff, which hid whether a head due
    // again is claimed through the claim's heads): once the left-behind row is due it can only go as the hold's head.
    private static readonly Dictionary<string, string?> HourLongBackoff = new(SmallBatches) { ["Messaging:Outbox:MaxBackoff"] = "01:00:00" };

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_row_that_keeps_failing_holds_only_its_aggregate_and_its_later_rows_follow_it_in_order(Provider provider)
    {
        using var database = await TestDatabase.CreateAsync(provider, postgres);
        await using var service = await StartAsync(database, SmallBatches);
        await using var db = database.CreateContext();
        var first = TestEvents.Contact(HeldAggregate);
        var damaged = TestEvents.StoredRow(first, "null");
        db.Add(damaged);
        await db.SaveChangesAsync();
        var later = Enumerable.Range(0, LaterRows).Select(_ => TestEvents.Contact(HeldAggregate)).ToList();
        var others = Enumerable.Range(0, OtherRows).Select(_ => TestEvents.Contact()).ToList();

        // Sequence order: the damaged row, two batches of its aggregate's later rows, then the other aggregates' rows.
        await service.CommitAsync(later);
        await service.CommitAsync(others);

        await service.WaitForEffectsAsync("record-contact", OtherRows, timeoutSeconds: 30);
        await AssertSentAsync(db, others);
        await Eventually.UntilAsync(() => RowAsync(db, damaged.MessageId), row => row.Attempts >= 2, TimeSpan.FromSeconds(30),
            "the damaged row to be retried");
        Assert.All(later, e => Assert.Equal(0, service.Deliveries.DeliveriesOf(e.EventId)));

        await db.Set<OutboxMessage>().Where(m => m.MessageId == damaged.MessageId)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Payload, JsonSerializer.Serialize(first, EventJson.Options)));

        await AssertHeldAggregateFollowsInOrderAsync(service, first, later);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_hold_the_dispatcher_did_not_know_of_is_found_by_its_claim_and_kept(Provider provider)
    {
        using var database = await TestDatabase.CreateAsync(provider, postgres);
        await using var db = database.CreateContext();
        // Left behind by another replica (or by this process before a restart): a row backing off for an hour, with
        // two batches of its aggregate's rows behind it and other aggregates' rows after those.
        var first = TestEvents.Contact(HeldAggregate);
        var backingOff = Stored(first);
        backingOff.Attempts = 1;
        backingOff.NextAttemptAt = DateTime.UtcNow.AddHours(1);
        backingOff.LastError = "the broker did not confirm";
        var later = Enumerable.Range(0, LaterRows).Select(_ => TestEvents.Contact(HeldAggregate)).ToList();
        var others = Enumerable.Range(0, OtherRows).Select(_ => TestEvents.Contact()).ToList();
        db.Add(backingOff);
        db.AddRange(later.Concat(others).Select(Stored));
        await db.SaveChangesAsync();

        await using var service = await StartAsync(database, HourLongBackoff);

        await service.WaitForEffectsAsync("record-contact", OtherRows, timeoutSeconds: 30);
        await AssertSentAsync(db, others);
        Assert.All(later.Prepend(first), e => Assert.Equal(0, service.Deliveries.DeliveriesOf(e.EventId)));

        // Due now (an operator released it): the dispatcher still remembers the hold (until its old retry time, an hour
        // away), so the row is claimed as the hold's head, and its confirm ends the hold.
        await db.Set<OutboxMessage>().Where(m => m.MessageId == backingOff.MessageId)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, (DateTime?)null));

        await AssertHeldAggregateFollowsInOrderAsync(service, first, later);
    }

    private Task<ServiceUnderTest> StartAsync(TestDatabase database, Dictionary<string, string?> settings) =>
        ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, database,
            m => m.AddHandler<RecordContactHandler, ContactCreated>(concurrentMessageLimit: 1), settings);

    private static OutboxMessage Stored(ContactCreated contact) => TestEvents.StoredRow(contact, JsonSerializer.Serialize(contact, EventJson.Options));

    private static Task<OutboxMessage> RowAsync(TestDbContext db, Guid messageId) =>
        db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.MessageId == messageId);

    /// <summary>The other aggregates' rows were marked sent, not only published.</summary>
    private static async Task AssertSentAsync(TestDbContext db, IReadOnlyList<ContactCreated> events)
    {
        var ids = events.Select(e => e.EventId).ToList();
        await Eventually.UntilAsync(
            () => db.Set<OutboxMessage>().AsNoTracking().CountAsync(m => ids.Contains(m.MessageId) && m.SentAt != null),
            sent => sent == ids.Count, TimeSpan.FromSeconds(10), $"{ids.Count} rows of other aggregates marked sent");
    }

    private static async Task AssertHeldAggregateFollowsInOrderAsync(ServiceUnderTest service, ContactCreated first, IReadOnlyList<ContactCreated> later)
    {
        var effects = await service.WaitForEffectsAsync("record-contact", OtherRows + 1 + later.Count, timeoutSeconds: 30);
        var held = effects.Where(e => e.AggregateId == HeldAggregate).OrderBy(e => e.Id).Select(e => e.EventId);
        Assert.Equal(later.Select(e => e.EventId).Prepend(first.EventId), held);
    }
}
