namespace Lifecycle.Messaging.Outbox;

/// <summary>One integration event waiting to be (or already) relayed to the broker; written in the caller's transaction.</summary>
public sealed class OutboxMessage
{
    /// <summary>Store-generated, increasing: the relay order.</summary>
    public long Sequence { get; set; }

    /// <summary>The event id, sent as the MassTransit MessageId so inboxes can dedupe redeliveries.</summary>
    public Guid MessageId { get; set; }

    /// <summary>Full CLR name of the event record in Lifecycle.Contracts.</summary>
    public required string MessageType { get; set; }

    public required string Payload { get; set; }

    /// <summary>JSON object of headers captured at publish time (W3C traceparent/tracestate).</summary>
    public string? Headers { get; set; }

    /// <summary>Events of one aggregate are relayed strictly in sequence; different aggregates in parallel.</summary>
    public required string AggregateId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? SentAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>Set after a failed relay: the row (and later rows of its aggregate) wait until then.</summary>
    public DateTime? NextAttemptAt { get; set; }

    public string? LastError { get; set; }
}
