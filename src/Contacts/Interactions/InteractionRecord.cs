namespace Lifecycle.Contacts.Interactions;

/// <summary>One recorded touchpoint of a contact, as stored.</summary>
public sealed class InteractionRecord
{
    public Guid Id { get; set; }

    public Guid ContactId { get; set; }

    /// <summary>One of <see cref="Lifecycle.InteractionKinds"/>; custom touchpoints are "custom" with <see cref="CustomType"/>.</summary>
    public required string Kind { get; set; }

    public string? CustomType { get; set; }

    public int? Score { get; set; }

    public string? Detail { get; set; }

    public DateTime OccurredAt { get; set; }

    public DateTime RecordedAt { get; set; }

    /// <summary>The record call's idempotency key, unique, so a retried call finds the first result.</summary>
    public string? RequestId { get; set; }
}
