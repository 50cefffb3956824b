namespace Lifecycle.Contracts.Events;

/// <summary>An order's payment succeeded: the purchase fact loyalty earns on and lifecycle rules react to.</summary>
public sealed record OrderPaid : IntegrationEvent
{
    public required string ContactId { get; init; }

    public required long AmountMinor { get; init; }

    public required string Currency { get; init; }
}
