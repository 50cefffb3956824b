namespace Lifecycle.Contacts.Orders;

/// <summary>The local read model of one order, fed by the orders service's events.</summary>
public sealed class OrderRecord
{
    public required string OrderId { get; set; }

    public Guid ContactId { get; set; }

    /// <summary>One of <see cref="OrderStatuses"/>.</summary>
    public required string Status { get; set; }

    public long TotalMinor { get; set; }

    public long RefundedMinor { get; set; }

    public required string Currency { get; set; }

    public DateTime? PaidAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
