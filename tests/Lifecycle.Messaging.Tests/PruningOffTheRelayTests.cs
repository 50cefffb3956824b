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
/// A prune that cannot finish does not stop the relay: the pruner runs on its own loop, not between relay passes. The
/// test's own transaction holds a lock on a sent row past retention, so the pruner's DELETE waits for it (as it would
/// behind any long transaction touching old rows); events committed meanwhile must still be relayed and consumed.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class PruningOffTheRelayTests(RabbitMqFixture rabbit, PostgresFixture postgres)
{
    [Fact]
    public async Task Events_are_relayed_while_a_prune_waits_on_a_locked_row()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Postgres, postgres);
        var expired = TestEvents.Contact();
        await using (var seeding = database.CreateContext())
        {
            var row = TestEvents.StoredRow(expired, JsonSerializer.Serialize(expired, EventJson.Options));
            row.SentAt = DateTime.UtcNow - TimeSpan.FromHours(2);
            seeding.Add(row);
            await seeding.SaveChangesAsync();
        }
        await using var locker = new NpgsqlConnection(database.ConnectionString);
        await locker.OpenAsync();
        await using var holding = await locker.BeginTransactionAsync();
        await ExecuteAsync(locker, holding, """SELECT 1 FROM outbox_messages WHERE "MessageId" = $1 FOR UPDATE""", expired.EventId);

        await using var service = await ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, database,
            m => m.AddHandler<RecordContactHandler, ContactCreated>(),
            new Dictionary<string, string?> { ["Messaging:Outbox:SentRetention"] = "01:00:00" });
        // The prune (the first runs at start) is in progress and blocked on the row the test holds.
        await Eventually.UntilAsync(() => PrunesWaitingOnALockAsync(database), n => n > 0, TimeSpan.FromSeconds(30),
            "the pruner's DELETE waiting on the locked row");

        var events = Enumerable.Range(0, 5).Select(_ => TestEvents.Contact()).ToList();
        await service.CommitAsync(events);
        // Less than the DELETE's command timeout (30 s): a relay stuck behind the prune would only go on once it failed.
        var effects = await service.WaitForEffectsAsync("record-contact", events.Count, timeoutSeconds: 20);
        Assert.Equal(events.Select(e => e.EventId).Order(), effects.Select(e => e.EventId).Order());
        Assert.Equal(1, await PrunesWaitingOnALockAsync(database)); // still waiting: the relay did not wait for it

        await holding.RollbackAsync();
        // Released, the same prune goes on and deletes the row.
        await Eventually.UntilAsync(async () =>
        {
            await using var db = database.CreateContext();
            return await db.Set<OutboxMessage>().CountAsync(m => m.MessageId == expired.EventId);
        }, n => n == 0, TimeSpan.FromSeconds(30), "the expired row pruned once released");
    }

    /// <summary>From a connection of its own: inside a transaction PostgreSQL would show the activity of its first read.</summary>
    private static async Task<long> PrunesWaitingOnALockAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'DELETE FROM %outbox_messages%'
            """, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Guid messageId)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { Parameters = { new() { Value = messageId } } };
        await command.ExecuteNonQueryAsync();
    }
}
