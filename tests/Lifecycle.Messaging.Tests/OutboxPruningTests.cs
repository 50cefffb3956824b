using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.Tests.Handlers;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Messaging.Tests;

/// <summary>Sent outbox rows are deleted once older than the retention period; younger ones and the inbox stay.</summary>
[Collection(BrokerCollection.Name)]
public sealed class OutboxPruningTests(RabbitMqFixture rabbit, PostgresFixture postgres)
{
    private static readonly TimeSpan SentRetention = TimeSpan.FromHours(1);

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Sent_rows_older_than_the_retention_period_are_pruned(Provider provider)
    {
        using var database = await TestDatabase.CreateAsync(provider, postgres);
        var clock = new ManualTimeProvider();
        await using var service = await ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, database,
            m => m.AddHandler<RecordContactHandler, ContactCreated>(),
            new Dictionary<string, string?>
            {
                ["Messaging:Outbox:SentRetention"] = SentRetention.ToString(),
                ["Messaging:Outbox:PruneInterval"] = "00:00:00", // prune whenever the dispatcher is idle
            },
            services => services.AddSingleton<TimeProvider>(clock));
        var old = Enumerable.Range(0, 5).Select(_ => TestEvents.Contact()).ToList();
        var recent = Enumerable.Range(0, 5).Select(_ => TestEvents.Contact()).ToList();

        await service.CommitAsync(old);
        await service.WaitForEffectsAsync("record-contact", old.Count);
        await Eventually.UntilAsync(() => UnsentAsync(database), n => n == 0, TimeSpan.FromSeconds(30), "the old rows marked sent");
        clock.Advance(SentRetention * 2);
        await service.CommitAsync(recent);
        await service.WaitForEffectsAsync("record-contact", old.Count + recent.Count);
        await Eventually.UntilAsync(() => UnsentAsync(database), n => n == 0, TimeSpan.FromSeconds(30), "the recent rows marked sent");

        var remaining = await Eventually.UntilAsync(() => OutboxIdsAsync(database), ids => !ids.Intersect(old.Select(e => e.EventId)).Any(),
            TimeSpan.FromSeconds(30), "the old rows pruned");
        Assert.Equal(recent.Select(e => e.EventId).Order(), remaining.Order());
        await using var db = database.CreateContext();
        Assert.Equal(old.Count + recent.Count, await db.Set<InboxMessage>().CountAsync()); // the inbox keeps its own, longer window
    }

    private static async Task<int> UnsentAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null);
    }

    private static async Task<List<Guid>> OutboxIdsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Set<OutboxMessage>().Select(m => m.MessageId).ToListAsync();
    }
}
