namespace Lifecycle.Contracts.Events;

/// <summary>A cart's content changed; AggregateId is the cart id.</summary>
public sealed record CartUpdated : IntegrationEvent
{
    public required string ContactId { get; init; }

    public required IReadOnlyList<OrderLine> Lines { get; init; }

    public required long TotalMinor { get; init; }

    public required string Currency { get; init; }
}
