namespace Lifecycle.Contracts.Events;

/// <summary>An order was refunded in full or in part; Lines are the refunded lines, AmountMinor what was paid back.</summary>
public sealed record OrderRefunded : IntegrationEvent
{
    public required string ContactId { get; init; }

    public required IReadOnlyList<OrderLine> Lines { get; init; }

    public required long AmountMinor { get; init; }

    public required string Currency { get; init; }
}
