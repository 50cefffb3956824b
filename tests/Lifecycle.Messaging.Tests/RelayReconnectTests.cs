using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.Tests.Handlers;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.Tests;

/// <summary>
/// The relay's own RabbitMQ channel was open and publishing when the broker went away: after the broker returns it
/// opens a new one and everything committed before, during and after the restart is applied once.
/// </summary>
[Collection(BrokerOutageCollection.Name)]
public sealed class RelayReconnectTests(RestartableRabbitMq rabbit, PostgresFixture postgres)
{
    private const int EventsPerPhase = 150;

    [Fact]
    public async Task A_broker_restart_while_relaying_reconnects_and_delivers_everything()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        await using var service = await ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, database,
            m => m.AddHandler<RecordContactHandler, ContactCreated>());
        var before = Enumerable.Range(0, EventsPerPhase).Select(_ => TestEvents.Contact()).ToList();
        var during = Enumerable.Range(0, EventsPerPhase).Select(_ => TestEvents.Contact()).ToList();
        var after = Enumerable.Range(0, EventsPerPhase).Select(_ => TestEvents.Contact()).ToList();

        foreach (var contact in before)
        {
            await service.CommitAsync(contact);
        }
        await service.WaitForEffectsAsync("record-contact", EventsPerPhase);
        await rabbit.StopAsync();
        foreach (var contact in during)
        {
            await service.CommitAsync(contact);
        }
        await rabbit.StartAsync();
        foreach (var contact in after)
        {
            await service.CommitAsync(contact);
        }

        var effects = await service.WaitForEffectsAsync("record-contact", 3 * EventsPerPhase, timeoutSeconds: 180);
        Assert.Equal(before.Concat(during).Concat(after).Select(e => e.EventId).Order(), effects.Select(e => e.EventId).Order());
        await using var db = database.CreateContext();
        await Eventually.UntilAsync(() => db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null), n => n == 0,
            TimeSpan.FromSeconds(60), "all rows marked sent");
    }
}
