using System.Diagnostics;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Configuration;
using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.TestDispatcher.Model;
using Lifecycle.Messaging.Tests.Handlers;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Lifecycle.Messaging.Tests;

/// <summary>
/// The relay publishes the stored JSON inside MassTransit's envelope itself: MassTransit consumers must get every
/// contract event exactly as it was published, with the event id as MessageId and the trace context in the headers,
/// and the relay must declare what MassTransit's publish topology would before the first publish of a type.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class RelayEnvelopeTests(RabbitMqFixture rabbit, PostgresFixture postgres) : IDisposable
{
    private const string RequestSource = "Lifecycle.Messaging.Tests.Envelope";
    private static readonly ActivitySource Requests = new(RequestSource);
    private readonly ActivityListener listener = new()
    {
        ShouldListenTo = source => source.Name == RequestSource,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Every_contract_event_reaches_a_MassTransit_consumer_field_for_field(Provider provider)
    {
        ActivitySource.AddActivityListener(listener);
        using var database = await TestDatabase.CreateAsync(provider, postgres);
        await using var service = await ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, database,
            m => SampleEvents.AllTypes.ToList().ForEach(type => AddReceivedHandler(m, type)),
            services: s => s.AddSingleton<ConsumedEnvelopes>().AddConsumeObserver(p => p.GetRequiredService<ConsumedEnvelopes>()));
        var events = SampleEvents.AllTypes.Select((type, i) => SampleEvents.Of(type, i)).ToList();

        string request;
        using (var activity = Requests.StartActivity("Checkout"))
        {
            request = activity!.Id!;
            await service.CommitAsync(events);
        }

        await service.WaitForEffectsAsync(ReceivedHandler<OrderPaid>.Consumer, events.Count);
        var consumed = service.Services.GetRequiredService<ConsumedEnvelopes>().ByEventId;
        Assert.All(events, sent =>
        {
            var received = consumed[sent.EventId];
            SampleEvents.AssertSameFields(sent, received.Message);
            Assert.Equal(sent.EventId, received.MessageId);
            Assert.Equal(sent.EventId, received.CorrelationId);
            Assert.Equal(request, received.TraceParent);
            Assert.Equal(OutboxEnvelope.ContentType, received.ContentType);
        });
    }

    [Fact]
    public async Task First_publish_of_a_type_nobody_consumes_leaves_the_relay_healthy()
    {
        // No exchange for the type on the broker: publishing to it undeclared would close the relay's channel (404).
        var unconsumed = $"Lifecycle.Contracts.Events:{nameof(SegmentMembershipChanged)}";
        await DeleteExchangeAsync(unconsumed);
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        await using var service = await ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, database,
            m => m.AddHandler<RecordContactHandler, ContactCreated>());
        var nobodyListens = new SegmentMembershipChanged
        {
            AggregateId = "contact-1",
            AggregateVersion = 1,
            ContactId = "contact-1",
            SegmentId = "s-1",
            SegmentName = "VIP",
            Joined = true,
        };
        var contacts = Enumerable.Range(0, 20).Select(_ => TestEvents.Contact()).ToList();

        await service.CommitAsync([nobodyListens, .. contacts]);
        await service.WaitForEffectsAsync("record-contact", contacts.Count);
        await service.CommitAsync(TestEvents.Contact());
        await service.WaitForEffectsAsync("record-contact", contacts.Count + 1);

        await using var db = database.CreateContext();
        var rows = await Eventually.UntilAsync(() => db.Set<OutboxMessage>().AsNoTracking().ToListAsync(),
            r => r.All(m => m.SentAt is not null), TimeSpan.FromSeconds(30), "all rows marked sent");
        Assert.All(rows, row => Assert.Equal((0, null), (row.Attempts, row.LastError)));
        await AssertExchangeExistsAsync(unconsumed);
    }

    [Theory]
    [InlineData("{\"eventId\":\"7c1f0d52-", "truncated")]
    [InlineData("{\"eventId\":1} trailing", "something after the object")]
    [InlineData("null", "JSON null")]
    [InlineData("", "empty")]
    public async Task A_row_whose_payload_is_no_event_fails_and_stays_while_other_aggregates_go(string payload, string what)
    {
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        await using var service = await ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, database,
            m => m.AddHandler<RecordContactHandler, ContactCreated>());
        await using var db = database.CreateContext();
        var broken = TestEvents.StoredRow(TestEvents.Contact("contact-damaged"), payload);
        db.Add(broken);
        await db.SaveChangesAsync();
        var others = Enumerable.Range(0, 5).Select(_ => TestEvents.Contact()).ToList();

        await service.CommitAsync(others);

        var effects = await service.WaitForEffectsAsync("record-contact", others.Count);
        Assert.Equal(others.Select(e => e.EventId).Order(), effects.Select(e => e.EventId).Order());
        var failed = await Eventually.UntilAsync(() => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.MessageId == broken.MessageId),
            row => row.Attempts > 0 || row.SentAt is not null, TimeSpan.FromSeconds(30), $"the {what} row to be tried");
        Assert.Null(failed.SentAt);
        Assert.NotNull(failed.LastError);
    }

    private static void AddReceivedHandler(MessagingBuilder<TestDbContext> messaging, Type eventType) =>
        typeof(MessagingBuilder<TestDbContext>).GetMethod(nameof(MessagingBuilder<TestDbContext>.AddHandler))!
            .MakeGenericMethod(typeof(ReceivedHandler<>).MakeGenericType(eventType), eventType)
            .Invoke(messaging, [null, InboxBatchSaving.AfterEachMessage]);

    private async Task DeleteExchangeAsync(string exchange)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(rabbit.ConnectionString) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeleteAsync(exchange);
    }

    private async Task AssertExchangeExistsAsync(string exchange)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(rabbit.ConnectionString) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var missing = await Record.ExceptionAsync(() => channel.ExchangeDeclarePassiveAsync(exchange));
        Assert.Null(missing);
    }

    public void Dispose() => listener.Dispose();
}
