using System.Text;
using System.Text.Json;
using Lifecycle.Messaging.Telemetry;

namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// Reads the W3C trace context an outbox row stored at Publish (a small JSON object) without building a dictionary:
/// only traceparent and tracestate are ever written there (OutboxEventPublisher).
/// </summary>
internal static class StoredTraceHeaders
{
    private static readonly byte[] TraceParent = Encoding.UTF8.GetBytes(MessagingTelemetry.TraceParentHeader);
    private static readonly byte[] TraceState = Encoding.UTF8.GetBytes(MessagingTelemetry.TraceStateHeader);

    public static (string? TraceParent, string? TraceState) Read(string? headers)
    {
        if (string.IsNullOrEmpty(headers))
        {
            return (null, null);
        }
        string? traceParent = null, traceState = null;
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(headers));
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
            {
                continue;
            }
            var isParent = reader.ValueTextEquals(TraceParent);
            var isState = !isParent && reader.ValueTextEquals(TraceState);
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                continue;
            }
            if (isParent)
            {
                traceParent = reader.GetString();
            }
            else if (isState)
            {
                traceState = reader.GetString();
            }
        }
        return (traceParent, traceState);
    }
}
