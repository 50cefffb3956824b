using System.Collections.Concurrent;
using System.Diagnostics;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Tests.Handlers;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using MassTransit.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Messaging.Tests;

/// <summary>
/// The consumer runs in the trace of the request that published the event, across outbox and broker: our consume span
/// and MassTransit's own receive span, which it parents on the MT-Activity-Id transport header.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class TraceContextTests : IDisposable
{
    private readonly RabbitMqFixture rabbit;
    private readonly PostgresFixture postgres;
    private static readonly ActivitySource Requests = new("Lifecycle.Messaging.Tests.Requests");
    private readonly ConcurrentQueue<Activity> massTransitSpans = new();
    private readonly ActivityListener listener;

    public TraceContextTests(RabbitMqFixture rabbit, PostgresFixture postgres)
    {
        (this.rabbit, this.postgres) = (rabbit, postgres);
        listener = new()
        {
            ShouldListenTo = source => source.Name is Telemetry.MessagingTelemetry.SourceName or "Lifecycle.Messaging.Tests.Requests"
                or DiagnosticHeaders.DefaultListenerName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == DiagnosticHeaders.DefaultListenerName)
                {
                    massTransitSpans.Enqueue(activity);
                }
            },
        };
    }

    [Fact]
    public async Task Consumer_handles_the_event_in_the_publishers_trace()
    {
        ActivitySource.AddActivityListener(listener);
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        await using var service = await ServiceUnderTest.StartAsync(ServiceNames.Unique(), rabbit.ConnectionString, database,
            m => m.AddHandler<TraceCapturingHandler, ContactUpdated>());
        var updated = new ContactUpdated { AggregateId = "contact-7", AggregateVersion = 4, ChangedFields = ["locale"] };

        ActivityTraceId requestTrace;
        using (var request = Requests.StartActivity("UpdateContact"))
        {
            requestTrace = request!.TraceId;
            await service.CommitAsync(updated);
        }

        await service.WaitForEffectsAsync("trace-capturing", 1);
        Assert.Equal(requestTrace, service.Services.GetRequiredService<TraceCapture>().TraceIds[updated.EventId]);
        var receive = await Eventually.UntilAsync(() => Task.FromResult(ReceiveSpanOf(updated.EventId)), span => span is not null,
            TimeSpan.FromSeconds(10), "MassTransit's receive span of the event");
        Assert.Equal(requestTrace, receive!.TraceId);
    }

    /// <summary>MassTransit's receive span carries the transport message id (the event id) as a tag.</summary>
    private Activity? ReceiveSpanOf(Guid eventId) => massTransitSpans.FirstOrDefault(span =>
        span.Kind == ActivityKind.Consumer
        && span.GetTagItem(DiagnosticHeaders.Messaging.Operation) as string == "receive"
        && span.GetTagItem(DiagnosticHeaders.Messaging.TransportMessageId) as string == eventId.ToString());

    public void Dispose() => listener.Dispose();
}
