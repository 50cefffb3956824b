namespace Lifecycle.Contracts.Events;

/// <summary>An order was shipped or delivered in full.</summary>
public sealed record OrderFulfilled : IntegrationEvent
{
    public required string ContactId { get; init; }
}
