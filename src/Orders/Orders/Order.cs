namespace Lifecycle.Orders.Orders;

/// <summary>An order made from one cart (unique <see cref="CartId"/>), with its payment, refund and fulfilment state.</summary>
public sealed class Order
{
    public Guid Id { get; set; }

    public Guid ContactId { get; set; }

    public Guid CartId { get; set; }

    /// <summary>The checkout's idempotency key; unique, so a retried checkout finds this order.</summary>
    public required string CheckoutRequestId { get; set; }

    public OrderStatus Status { get; set; }

    public required string Currency { get; set; }

    public long TotalMinor { get; set; }

    public long RefundedMinor { get; set; }

    public string? PaymentId { get; set; }

    public string? PaymentFailureReason { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>Optimistic concurrency token; every change increments it and events carry it as AggregateVersion.</summary>
    public long Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? PaidAt { get; set; }

    public List<OrderItem> Items { get; set; } = [];

    /// <summary>Moves to <paramref name="status"/> as a new version.</summary>
    public void MoveTo(OrderStatus status, DateTime now)
    {
        Status = status;
        Version++;
        UpdatedAt = now;
    }
}
