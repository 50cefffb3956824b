namespace Lifecycle.Contracts.Events;

/// <summary>A member spent points, through a partner or in-house; RedemptionId is the ledger's source document.</summary>
public sealed record PointsRedeemed : IntegrationEvent
{
    public required string MemberId { get; init; }

    public required long Points { get; init; }

    public required string RedemptionId { get; init; }

    public string? PartnerId { get; init; }
}
