using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Configuration;
using Lifecycle.Messaging.DeadLetters;
using Lifecycle.Messaging.Tests.Handlers;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Messaging.Tests;

/// <summary>Poison messages: dead-lettered after the retries, not in the way of later messages, replayable.</summary>
[Collection(BrokerCollection.Name)]
public sealed class DeadLetterTests(RabbitMqFixture rabbit, PostgresFixture postgres)
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Poison_message_lands_in_error_queue_without_blocking_later_messages_and_replays_after_the_fix(Provider provider)
    {
        using var database = await TestDatabase.CreateAsync(provider, postgres);
        var serviceName = ServiceNames.Unique();
        // One message at a time: if the poison blocked its queue, nothing behind it could get through.
        await using var service = await ServiceUnderTest.StartAsync(serviceName, rabbit.ConnectionString, database,
            m => m.AddHandler<PoisonSensitiveHandler, OrderCancelled>(concurrentMessageLimit: 1));
        var queue = QueueNames.For(serviceName, typeof(PoisonSensitiveHandler));
        var deadLetters = new DeadLetterQueue(rabbit.ConnectionString);
        var poison = TestEvents.Cancelled(PoisonSensitiveHandler.PoisonReason);
        var behind = Enumerable.Range(0, 5).Select(_ => TestEvents.Cancelled("customer asked")).ToList();

        await service.CommitAsync(poison);
        await service.CommitAsync(behind);

        var applied = await service.WaitForEffectsAsync("poison-sensitive", behind.Count);
        Assert.Equal(behind.Select(e => e.EventId).Order(), applied.Select(e => e.EventId).Order());
        var listed = await Eventually.UntilAsync(() => deadLetters.ListAsync(queue), l => l.Count == 1, TimeSpan.FromSeconds(30), "the poison in _error");
        Assert.Equal(poison.EventId, Guid.Parse(listed[0].MessageId!));
        Assert.Contains("cannot process this cancellation", listed[0].ExceptionMessage);
        Assert.Single(await deadLetters.ListAsync(queue)); // listing did not consume it

        service.Services.GetRequiredService<PoisonSwitch>().Enabled = false;
        Assert.Equal(1, await deadLetters.ReplayAsync(queue, listed[0].MessageId));

        var afterReplay = await service.WaitForEffectsAsync("poison-sensitive", behind.Count + 1);
        Assert.Contains(poison.EventId, afterReplay.Select(e => e.EventId));
        Assert.Equal(afterReplay.Count, afterReplay.Select(e => e.EventId).Distinct().Count());
        Assert.Empty(await deadLetters.ListAsync(queue));
    }
}
