using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.Tests.Handlers;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.Tests;

/// <summary>A dedicated broker to stop and restart; PostgreSQL is only needed for the PostgreSQL case.</summary>
[CollectionDefinition(Name)]
public sealed class BrokerOutageCollection : ICollectionFixture<RestartableRabbitMq>, ICollectionFixture<PostgresFixture>
{
    public const string Name = "messaging-broker-outage";
}

/// <summary>Events committed while RabbitMQ is down are all delivered, each applied once, after it returns.</summary>
[Collection(BrokerOutageCollection.Name)]
public sealed class BrokerOutageTests(RestartableRabbitMq rabbit, PostgresFixture postgres)
{
    private const int EventCount = 1000;

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Events_committed_while_the_broker_is_down_are_each_applied_once_after_it_returns(Provider provider)
    {
        using var database = await TestDatabase.CreateAsync(provider, postgres);
        await using var service = await ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, database,
            m => m.AddHandler<RecordContactHandler, ContactCreated>());
        var events = Enumerable.Range(0, EventCount).Select(_ => TestEvents.Contact()).ToList();

        await rabbit.StopAsync();
        // Each commit returning is the acknowledgement to a caller: every one of these must arrive. Concurrent callers
        // keep the outage short, and with it MassTransit's reconnect backoff (3 s growing to 30 s) once the broker is
        // back; SQLite has a single writer, so there they would only queue.
        var callers = new ParallelOptions { MaxDegreeOfParallelism = provider == Provider.Postgres ? 8 : 1 };
        await Parallel.ForEachAsync(events, callers, async (contact, _) => await service.CommitAsync(contact));
        Assert.Equal(EventCount, await UnsentAsync(database));
        await rabbit.StartAsync();

        var effects = await service.WaitForEffectsAsync("record-contact", EventCount, timeoutSeconds: 180);
        Assert.Equal(EventCount, effects.Count);
        Assert.Equal(events.Select(e => e.EventId).Order(), effects.Select(e => e.EventId).Order());
        await Eventually.UntilAsync(() => UnsentAsync(database), n => n == 0, TimeSpan.FromSeconds(60), "all rows marked sent");
    }

    private static async Task<int> UnsentAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null);
    }
}
