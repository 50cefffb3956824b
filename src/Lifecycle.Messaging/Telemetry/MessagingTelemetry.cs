using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Lifecycle.Messaging.Telemetry;

/// <summary>
/// The activity source and meter for relaying and consuming; the W3C traceparent captured at Publish travels in the
/// outbox row and the message headers, so the consumer's span joins the trace of the request that wrote the event.
/// </summary>
public static class MessagingTelemetry
{
    public const string SourceName = "Lifecycle.Messaging";
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";

    internal static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(SourceName);

    /// <summary>Messages per inbox transaction: near 1 means the consumer is not batching (idle or one at a time).</summary>
    internal static readonly Histogram<int> InboxBatchSize = Meter.CreateHistogram<int>(
        "lifecycle.messaging.inbox.batch.size", "{message}", "Messages applied in one inbox transaction");

    internal static readonly Histogram<double> InboxBatchDuration = Meter.CreateHistogram<double>(
        "lifecycle.messaging.inbox.batch.duration", "ms", "One inbox batch from its inbox query to its commit");

    /// <summary>Batches rolled back and handed back to be processed message by message.</summary>
    internal static readonly Counter<long> InboxBatchesRolledBack = Meter.CreateCounter<long>(
        "lifecycle.messaging.inbox.batch.rolled_back", "{batch}", "Inbox batches rolled back and processed one by one");

    /// <summary>Each phase of a relay pass (tag "phase": claim, publish, mark), to see where the relay spends its time.</summary>
    internal static readonly Histogram<double> RelayPhaseDuration = Meter.CreateHistogram<double>(
        "lifecycle.messaging.relay.phase.duration", "ms", "One phase of an outbox relay pass");

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
