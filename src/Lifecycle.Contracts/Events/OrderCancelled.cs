namespace Lifecycle.Contracts.Events;

/// <summary>An order was cancelled before fulfilment.</summary>
public sealed record OrderCancelled : IntegrationEvent
{
    public required string ContactId { get; init; }

    public required string Reason { get; init; }
}
