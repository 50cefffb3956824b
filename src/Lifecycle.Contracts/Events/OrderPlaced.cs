namespace Lifecycle.Contracts.Events;

/// <summary>A checkout produced an order (not yet paid); AggregateId is the order id.</summary>
public sealed record OrderPlaced : IntegrationEvent
{
    public required string ContactId { get; init; }

    public required IReadOnlyList<OrderLine> Lines { get; init; }

    public required long TotalMinor { get; init; }

    public required string Currency { get; init; }
}
