namespace Lifecycle.Contracts.Events;

/// <summary>A cart with items saw no checkout within the abandonment window.</summary>
public sealed record CartAbandoned : IntegrationEvent
{
    public required string ContactId { get; init; }

    public required long TotalMinor { get; init; }

    public required string Currency { get; init; }
}
