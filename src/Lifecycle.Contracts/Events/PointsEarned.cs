namespace Lifecycle.Contracts.Events;

/// <summary>A member earned points; SourceId is the document that earned them (order, referral, review).</summary>
public sealed record PointsEarned : IntegrationEvent
{
    public required string MemberId { get; init; }

    public required long Points { get; init; }

    public required string SourceId { get; init; }
}
