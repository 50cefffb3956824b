using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Configuration;
using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.Persistence;
using Lifecycle.Messaging.TestDispatcher.Model;
using Lifecycle.Messaging.Tests.Handlers;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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
                ["Messaging:Outbox:PruneInterval"] = "00:00:00.200", // the pruner's loop comes round soon after the clock moves
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

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task One_prune_deletes_every_row_past_retention_in_chunks_when_there_are_more_than_one_chunk(Provider provider)
    {
        const int chunk = 2;
        using var database = await TestDatabase.CreateAsync(provider, postgres);
        var now = DateTime.UtcNow;
        var expiredSent = Enumerable.Range(0, 2 * chunk + 1).Select(i => Outbox(sentAt: now - SentRetention - TimeSpan.FromMinutes(i + 1))).ToList();
        var keptSent = Outbox(sentAt: now - SentRetention / 2);
        var unsent = Outbox(sentAt: null); // as old as the rest, but never sent: not the pruner's
        var expiredInbox = Enumerable.Range(0, 2 * chunk + 1).Select(i => Inbox(now - SentRetention - TimeSpan.FromMinutes(i + 1))).ToList();
        var keptInbox = Inbox(now - SentRetention / 2);
        await using (var seeding = database.CreateContext())
        {
            seeding.AddRange([.. expiredSent, keptSent, unsent]);
            seeding.AddRange([.. expiredInbox, keptInbox]);
            await seeding.SaveChangesAsync();
        }
        var services = new ServiceCollection()
            .AddDbContext<TestDbContext>(options => database.Configure(options.AddDbContextReturnHook()))
            .BuildServiceProvider();
        await using var _ = services;
        var pruner = new OutboxPruner<TestDbContext>(services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new OutboxOptions { SentRetention = SentRetention, InboxRetention = SentRetention, PruneBatchSize = chunk }),
            new SqliteWriteGate(), TimeProvider.System, NullLogger<OutboxPruner<TestDbContext>>.Instance);

        await pruner.PruneAsync(CancellationToken.None);

        await using var db = database.CreateContext();
        Assert.Equal(new[] { keptSent.MessageId, unsent.MessageId }.Order(), (await db.Set<OutboxMessage>().Select(m => m.MessageId).ToListAsync()).Order());
        Assert.Equal([keptInbox.MessageId], await db.Set<InboxMessage>().Select(m => m.MessageId).ToListAsync());
    }

    private static OutboxMessage Outbox(DateTime? sentAt) => new()
    {
        MessageId = Guid.NewGuid(),
        MessageType = "ContactCreated",
        Payload = "{}",
        AggregateId = "contact-1",
        OccurredAt = DateTimeOffset.UtcNow - SentRetention * 2,
        CreatedAt = DateTime.UtcNow - SentRetention * 2,
        SentAt = sentAt,
    };

    private static InboxMessage Inbox(DateTime processedAt) => new() { MessageId = Guid.NewGuid(), Consumer = "record-contact", ProcessedAt = processedAt };

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
