using System.Diagnostics;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Tests.Handlers;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Messaging.Tests;

/// <summary>The consumer runs in the trace of the request that published the event, across outbox and broker.</summary>
[Collection(BrokerCollection.Name)]
public sealed class TraceContextTests(RabbitMqFixture rabbit, PostgresFixture postgres) : IDisposable
{
    private static readonly ActivitySource Requests = new("Lifecycle.Messaging.Tests.Requests");
    private readonly ActivityListener listener = new()
    {
        ShouldListenTo = source => source.Name is Telemetry.MessagingTelemetry.SourceName or "Lifecycle.Messaging.Tests.Requests",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

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
    }

    public void Dispose() => listener.Dispose();
}
