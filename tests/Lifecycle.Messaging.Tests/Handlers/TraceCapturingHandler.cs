using System.Collections.Concurrent;
using System.Diagnostics;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.TestDispatcher.Model;

namespace Lifecycle.Messaging.Tests.Handlers;

/// <summary>The trace id each ContactUpdated was handled under.</summary>
public sealed class TraceCapture
{
    public ConcurrentDictionary<Guid, ActivityTraceId> TraceIds { get; } = new();
}

/// <summary>Records Activity.Current's trace id, so a test can compare it with the publisher's.</summary>
public sealed class TraceCapturingHandler(TestDbContext db, TraceCapture capture) : IIntegrationEventHandler<ContactUpdated>
{
    public Task HandleAsync(ContactUpdated integrationEvent, CancellationToken cancellationToken)
    {
        capture.TraceIds[integrationEvent.EventId] = Activity.Current?.TraceId ?? default;
        db.Effects.Add(new Effect { EventId = integrationEvent.EventId, AggregateId = integrationEvent.AggregateId, Consumer = "trace-capturing" });
        return Task.CompletedTask;
    }
}
