using System.Buffers;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Lifecycle.Messaging.Telemetry;
using MassTransit;
using MassTransit.Logging;

namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// MassTransit's JSON envelope (content type application/vnd.masstransit+json) written around an outbox row's stored
/// payload, which is spliced in as is: the relay neither deserialises the event nor serialises it again. A MassTransit
/// consumer reads "message" with its own System.Text.Json settings (camelCase, case-insensitive), which read what
/// <see cref="EventJson.Options"/> wrote; trace context travels in "headers", where ConsumeContext.Headers finds it.
/// </summary>
internal static class OutboxEnvelope
{
    public const string ContentType = "application/vnd.masstransit+json";

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary>The "host" object MassTransit writes (who sent the message), computed once per process.</summary>
    private static readonly byte[] HostJson = DescribeHost();

    private static byte[] DescribeHost()
    {
        using var process = Process.GetCurrentProcess();
        return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["machineName"] = Environment.MachineName,
            ["processName"] = process.ProcessName,
            ["processId"] = Environment.ProcessId,
            ["assembly"] = Assembly.GetEntryAssembly()?.GetName().Name,
            ["assemblyVersion"] = Assembly.GetEntryAssembly()?.GetName().Version?.ToString(),
            ["frameworkVersion"] = Environment.Version.ToString(),
            ["massTransitVersion"] = typeof(IBus).Assembly.GetName().Version?.ToString(),
            ["operatingSystemVersion"] = Environment.OSVersion.ToString(),
        });
    }

    /// <param name="traceParent">The W3C traceparent the consumer continues (the relay span, or the one stored with the row).</param>
    public static ReadOnlyMemory<byte> Write(OutboxMessage row, EventRoute route, string? traceParent, string? traceState, DateTime sentTime)
    {
        var buffer = new ArrayBufferWriter<byte>(row.Payload.Length + 640);
        using var json = new Utf8JsonWriter(buffer, WriterOptions);
        json.WriteStartObject();
        json.WriteString("messageId", row.MessageId);
        // MassTransit takes a Guid property named EventId as the correlation id by convention; the relay keeps that.
        json.WriteString("correlationId", row.MessageId);
        json.WriteString("conversationId", NewId.NextGuid());
        json.WriteString("destinationAddress", route.DestinationAddress);
        json.WritePropertyName("messageType");
        json.WriteRawValue(route.MessageTypeJson, skipInputValidation: true);
        json.WritePropertyName("message");
        // Written by EventJson when the row was stored, in the same transaction as the state change; still checked (one
        // JSON object, nothing after it), so a damaged row fails and stays in the outbox instead of being confirmed.
        json.WriteRawValue(EventObject(row), skipInputValidation: false);
        json.WriteString("sentTime", sentTime);
        json.WriteStartObject("headers");
        if (traceParent is not null)
        {
            json.WriteString(MessagingTelemetry.TraceParentHeader, traceParent);
            // As MassTransit's own publish writes it (it also goes in the transport headers, where its receive span reads it).
            json.WriteString(DiagnosticHeaders.ActivityId, traceParent);
        }
        if (traceState is not null)
        {
            json.WriteString(MessagingTelemetry.TraceStateHeader, traceState);
        }
        json.WriteEndObject();
        json.WritePropertyName("host");
        json.WriteRawValue(HostJson, skipInputValidation: true);
        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenMemory;
    }

    /// <summary>The stored payload, if it is a JSON object: "null", an empty string or any other value is no event.</summary>
    private static string EventObject(OutboxMessage row) =>
        row.Payload.AsSpan().TrimStart().StartsWith('{')
            ? row.Payload
            : throw new InvalidOperationException($"Outbox row {row.Sequence} has no event payload (a JSON object)");
}
