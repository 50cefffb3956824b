using System.Text.Json;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.Tests.Handlers;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Lifecycle.Messaging.Tests;

/// <summary>
/// With a backlog, one PostgreSQL replica's claim locks a batch of rows and another replica's claim (SKIP LOCKED) takes
/// the rows after them. An aggregate's first unsent row locked by the one must hold its later rows at the other: they
/// would otherwise be published before it (and stay ahead of it if it fails). The test's own transaction locks that row
/// as the other replica's claim would. (The claim used to hold only aggregates with a row backing off.)
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ReplicaClaimOrderTests(RabbitMqFixture rabbit, PostgresFixture postgres)
{
    private const string LockedAggregate = "contact-locked";
    private const int LaterRows = 4;
    private const int OtherRows = 8;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        // One consumer at a time: the effects' order is the order the events were consumed in.
        ["Messaging:PrefetchCount"] = "1",
        ["Messaging:Outbox:PollInterval"] = "00:00:00.100",
        // A remembered hold on a head another replica sent runs out this long after it was due.
        ["Messaging:Outbox:PublishTimeout"] = "00:00:02",
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_aggregates_row_locked_by_another_claim_holds_its_later_rows_until_released(bool otherReplicaSendsIt)
    {
        using var database = await TestDatabase.CreateAsync(Provider.Postgres, postgres);
        await using var db = database.CreateContext();
        var first = TestEvents.Contact(LockedAggregate);
        var later = Enumerable.Range(0, LaterRows).Select(_ => TestEvents.Contact(LockedAggregate)).ToList();
        var others = Enumerable.Range(0, OtherRows).Select(_ => TestEvents.Contact()).ToList();
        db.AddRange(later.Prepend(first).Concat(others).Select(Stored));
        await db.SaveChangesAsync();

        // Another replica's claim: its transaction holds the aggregate's first unsent row locked.
        await using var otherReplica = new NpgsqlConnection(database.ConnectionString);
        await otherReplica.OpenAsync();
        await using var claim = await otherReplica.BeginTransactionAsync();
        await ExecuteAsync(otherReplica, claim, """SELECT 1 FROM outbox_messages WHERE "MessageId" = $1 FOR UPDATE""", first.EventId);

        await using var service = await StartAsync(database);
        await service.WaitForEffectsAsync("record-contact", OtherRows, timeoutSeconds: 30);
        // Every row published so far is in the queue before this one: once it is consumed, so are they.
        var sentinel = TestEvents.Contact();
        await service.CommitAsync(sentinel);
        await service.WaitForEffectsAsync("record-contact", OtherRows + 1, timeoutSeconds: 30);
        Assert.All(later.Prepend(first), e => Assert.Equal(0, service.Deliveries.DeliveriesOf(e.EventId)));
        Assert.Equal(LaterRows + 1, await db.Set<OutboxMessage>().CountAsync(m => m.AggregateId == LockedAggregate && m.SentAt == null));

        if (otherReplicaSendsIt)
        {
            await ExecuteAsync(otherReplica, claim, """UPDATE outbox_messages SET "SentAt" = now() at time zone 'utc' WHERE "MessageId" = $1""", first.EventId);
        }
        await claim.CommitAsync();

        // The rest of the aggregate follows its first row (sent here, or by the other replica) in sequence order.
        var expected = otherReplicaSendsIt ? later : later.Prepend(first).ToList();
        var effects = await service.WaitForEffectsAsync("record-contact", OtherRows + 1 + expected.Count, timeoutSeconds: 30);
        var held = effects.Where(e => e.AggregateId == LockedAggregate).OrderBy(e => e.Id).Select(e => e.EventId);
        Assert.Equal(expected.Select(e => e.EventId), held);
    }

    private Task<ServiceUnderTest> StartAsync(TestDatabase database) =>
        ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, database,
            m => m.AddHandler<RecordContactHandler, ContactCreated>(concurrentMessageLimit: 1), Settings);

    private static OutboxMessage Stored(ContactCreated contact) => TestEvents.StoredRow(contact, JsonSerializer.Serialize(contact, EventJson.Options));

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Guid messageId)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { Parameters = { new() { Value = messageId } } };
        await command.ExecuteNonQueryAsync();
    }
}
