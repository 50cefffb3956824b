namespace Lifecycle.Contracts.Events;

/// <summary>
/// A contact joined or left a segment because the segment's rules now select it or no longer do (an erased contact
/// leaves every segment). The aggregate is the contact, at the version its membership was evaluated on.
/// </summary>
public sealed record SegmentMembershipChanged : IntegrationEvent
{
    public required string ContactId { get; init; }

    public required string SegmentId { get; init; }

    public required string SegmentName { get; init; }

    /// <summary>True when the contact joined, false when it left.</summary>
    public required bool Joined { get; init; }
}
