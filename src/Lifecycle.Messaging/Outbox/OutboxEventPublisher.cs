using System.Diagnostics;
using System.Text.Json;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// Stages events as outbox rows in the scoped DbContext the service is already using, and marks the context as
/// carrying them (<see cref="OutboxCommitMarks{TDbContext}"/>) so its commit wakes the dispatcher.
/// </summary>
internal sealed class OutboxEventPublisher<TDbContext>(TDbContext db, TimeProvider time, OutboxCommitMarks<TDbContext> marks) : IEventPublisher
    where TDbContext : DbContext
{
    public void Publish<TEvent>(TEvent integrationEvent)
        where TEvent : IntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        // The runtime type, not TEvent: a caller holding an IntegrationEvent must not lose the concrete fields.
        var type = integrationEvent.GetType();
        var row = new OutboxMessage
        {
            MessageId = integrationEvent.EventId,
            MessageType = EventTypes.NameOf(type),
            Payload = JsonSerializer.Serialize(integrationEvent, type, EventJson.Options),
            Headers = CurrentTraceHeaders(),
            AggregateId = integrationEvent.AggregateId,
            OccurredAt = integrationEvent.OccurredAt.ToUniversalTime(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        // Marked before the row is added: a context that cannot carry the mark (pooled without the return hook) throws
        // with nothing added.
        marks.Published(db);
        db.Set<OutboxMessage>().Add(row);
    }

    private static string? CurrentTraceHeaders()
    {
        var activity = Activity.Current;
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C)
        {
            return null;
        }
        var headers = new Dictionary<string, string> { [MessagingTelemetry.TraceParentHeader] = activity.Id! };
        if (!string.IsNullOrEmpty(activity.TraceStateString))
        {
            headers[MessagingTelemetry.TraceStateHeader] = activity.TraceStateString;
        }
        return JsonSerializer.Serialize(headers, EventJson.Options);
    }
}
