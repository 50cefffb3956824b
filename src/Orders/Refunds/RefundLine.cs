namespace Lifecycle.Orders.Refunds;

/// <summary>Units of one order line paid back: AmountMinor = UnitPriceMinor x Quantity.</summary>
public sealed class RefundLine
{
    public Guid RefundId { get; set; }

    public required string Sku { get; set; }

    public int Quantity { get; set; }

    public long UnitPriceMinor { get; set; }

    public long AmountMinor { get; set; }
}
