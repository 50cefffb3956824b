using Lifecycle.Contracts.Events;
using Lifecycle.Hosting.Processes;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.Tests.Handlers;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.Tests;

/// <summary>A dispatcher killed between the broker's confirm and marking rows sent: the resend changes nothing.</summary>
[Collection(BrokerCollection.Name)]
public sealed class DispatcherCrashTests(RabbitMqFixture rabbit, PostgresFixture postgres)
{
    private const int EventCount = 20;
    private const int SigKill = 9;

    [Fact]
    public async Task Duplicates_sent_after_a_SIGKILL_between_publish_and_mark_sent_change_nothing()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        using var scratch = new TestDirectory("msg-crash");
        // This process only consumes; the dispatcher runs in the child process we kill.
        await using var service = await ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, database,
            m => m.AddHandler<RecordContactHandler, ContactCreated>(),
            new Dictionary<string, string?> { ["Messaging:Outbox:DispatcherEnabled"] = "false" });
        var events = Enumerable.Range(0, EventCount).Select(_ => TestEvents.Contact()).ToList();
        await service.CommitAsync(events);

        var marker = Path.Combine(scratch.Path, "published");
        await using (var crashing = StartDispatcher(database, marker))
        {
            await Eventually.UntilAsync(() => Task.FromResult(File.Exists(marker)), seen => seen, TimeSpan.FromSeconds(60), "the batch published");
            crashing.Kill();
            Assert.Equal(128 + SigKill, await crashing.Exited);
        }
        await service.WaitForEffectsAsync("record-contact", EventCount);
        Assert.Equal(EventCount, await UnsentAsync(database));

        await using (StartDispatcher(database, haltMarker: null))
        {
            await Eventually.UntilAsync(() => UnsentAsync(database), n => n == 0, TimeSpan.FromSeconds(60), "the restarted dispatcher to mark all sent");
            await Eventually.UntilAsync(() => Task.FromResult(events.Count(e => service.Deliveries.DeliveriesOf(e.EventId) >= 2)),
                n => n == EventCount, TimeSpan.FromSeconds(60), "every event delivered a second time");
        }

        var effects = await service.EffectsAsync("record-contact");
        Assert.Equal(events.Select(e => e.EventId).Order(), effects.Select(e => e.EventId).Order());
    }

    private ManagedProcess StartDispatcher(TestDatabase database, string? haltMarker)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__messaging"] = rabbit.ConnectionString,
            ["ConnectionStrings__testdb"] = database.ConnectionString,
            ["Messaging__Outbox__PollInterval"] = "00:00:00.200",
            ["HALT_AFTER_PUBLISH_MARKER"] = haltMarker ?? "",
        };
        var dll = Path.Combine(AppContext.BaseDirectory, "Lifecycle.Messaging.TestDispatcher.dll");
        return ManagedProcess.Start(new ProcessLaunch("dotnet", ["exec", dll]) { Environment = environment }, (_, _) => { });
    }

    private static async Task<int> UnsentAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null);
    }
}
