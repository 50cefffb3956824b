using System.Text.Json;
using Lifecycle.Messaging.Configuration;
using Lifecycle.Messaging.Telemetry;
using MassTransit.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// Publishes one outbox row to RabbitMQ as MassTransit would, without MassTransit's send pipeline: the stored JSON
/// payload goes out inside MassTransit's envelope (<see cref="OutboxEnvelope"/>) to the event type's exchange, with the
/// event id as MessageId and the stored trace context. Returns once RabbitMQ confirmed the publish; throws on timeout
/// or broker failure.
/// </summary>
internal sealed class OutboxRelay(OutboxBrokerChannel broker, EventRoutes routes, IOptions<OutboxOptions> options, TimeProvider time)
{
    public async Task PublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        var route = routes.For(row.MessageType);
        var headers = row.Headers is null
            ? []
            : JsonSerializer.Deserialize<Dictionary<string, string>>(row.Headers, EventJson.Options) ?? [];
        headers.TryGetValue(MessagingTelemetry.TraceParentHeader, out var traceParent);
        headers.TryGetValue(MessagingTelemetry.TraceStateHeader, out var traceState);

        using var activity = MessagingTelemetry.StartRelay(route.Type.Name, traceParent, traceState);
        // With a listener the consumer becomes a child of the relay span; without one it still joins the trace.
        var sentParent = activity?.Id ?? traceParent;
        var body = OutboxEnvelope.Write(row, route, sentParent, traceState, time.GetUtcNow().UtcDateTime);
        var messageId = row.MessageId.ToString();
        var properties = new BasicProperties
        {
            ContentType = OutboxEnvelope.ContentType,
            MessageId = messageId,
            CorrelationId = messageId,
            DeliveryMode = DeliveryModes.Persistent,
        };
        if (sentParent is not null)
        {
            // MassTransit parents its receive span on this transport header (as its own publish set it), so the
            // consumer side's MassTransit spans join the trace too, not only our consume span.
            properties.Headers = new Dictionary<string, object?> { [DiagnosticHeaders.ActivityId] = sentParent };
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        await broker.PublishAsync(route, properties, body, timeout.Token);
    }
}
