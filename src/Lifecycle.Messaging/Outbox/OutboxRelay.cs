using System.Text.Json;
using Lifecycle.Messaging.Configuration;
using Lifecycle.Messaging.Telemetry;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// Publishes one outbox row through MassTransit, keeping the event id as MessageId and the stored trace
/// context. Returns once RabbitMQ confirmed the publish; throws on timeout or broker failure.
/// </summary>
internal sealed class OutboxRelay(IBus bus, IOptions<OutboxOptions> options)
{
    public async Task PublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        var type = EventTypes.Resolve(row.MessageType);
        var message = JsonSerializer.Deserialize(row.Payload, type, EventJson.Options)
            ?? throw new InvalidOperationException($"Outbox row {row.Sequence} has an empty payload");
        var headers = row.Headers is null
            ? []
            : JsonSerializer.Deserialize<Dictionary<string, string>>(row.Headers, EventJson.Options) ?? [];
        headers.TryGetValue(MessagingTelemetry.TraceParentHeader, out var traceParent);
        headers.TryGetValue(MessagingTelemetry.TraceStateHeader, out var traceState);

        using var activity = MessagingTelemetry.StartRelay(type.Name, traceParent, traceState);
        // With a listener the consumer becomes a child of the relay span; without one it still joins the trace.
        var sentParent = activity?.Id ?? traceParent;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        await bus.Publish(message, type, context =>
        {
            context.MessageId = row.MessageId;
            context.Durable = true;
            if (sentParent is not null)
            {
                context.Headers.Set(MessagingTelemetry.TraceParentHeader, sentParent);
            }
            if (traceState is not null)
            {
                context.Headers.Set(MessagingTelemetry.TraceStateHeader, traceState);
            }
        }, timeout.Token);
    }
}
