namespace Lifecycle.Orders.Refunds;

/// <summary>Money paid back for an order; (OrderId, RequestId) is unique, which makes a retried refund pay nothing more.</summary>
public sealed class Refund
{
    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    public required string RequestId { get; set; }

    public long AmountMinor { get; set; }

    public required string Currency { get; set; }

    public string Reason { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public List<RefundLine> Lines { get; set; } = [];
}
