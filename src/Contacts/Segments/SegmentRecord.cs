namespace Lifecycle.Contacts.Segments;

/// <summary>A stored segment: its name and rules (the API message as protobuf JSON, read and written whole).</summary>
public sealed class SegmentRecord
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public required string RulesJson { get; set; }

    /// <summary>Optimistic concurrency token: two concurrent updates cannot both win.</summary>
    public long Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>When every contact was last evaluated against the rules.</summary>
    public DateTime? EvaluatedAt { get; set; }

    /// <summary>The create call's idempotency key, unique, so a retried create finds the first result.</summary>
    public string? CreateRequestId { get; set; }
}
