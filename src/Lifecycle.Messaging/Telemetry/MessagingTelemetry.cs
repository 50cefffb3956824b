using System.Diagnostics;

namespace Lifecycle.Messaging.Telemetry;

/// <summary>
/// The activity source for relaying and consuming; the W3C traceparent captured at Publish travels in the
/// outbox row and the message headers, so the consumer's span joins the trace of the request that wrote the event.
/// </summary>
public static class MessagingTelemetry
{
    public const string SourceName = "Lifecycle.Messaging";
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";

    internal static readonly ActivitySource Source = new(SourceName);

    internal static Activity? StartRelay(string eventType, string? traceParent, string? traceState) =>
        Start($"{eventType} publish", ActivityKind.Producer, traceParent, traceState);

    internal static Activity? StartConsume(string consumer, string? traceParent, string? traceState) =>
        Start($"{consumer} process", ActivityKind.Consumer, traceParent, traceState);

    private static Activity? Start(string name, ActivityKind kind, string? traceParent, string? traceState)
    {
        if (!ActivityContext.TryParse(traceParent, traceState, out var parent))
        {
            return Source.StartActivity(name, kind);
        }
        // MassTransit's own instrumentation may already have continued this trace: nest under its span.
        return Activity.Current?.TraceId == parent.TraceId
            ? Source.StartActivity(name, kind)
            : Source.StartActivity(name, kind, parent);
    }
}
