namespace Lifecycle.Orders.Orders;

/// <summary>One product on an order, priced at checkout; <see cref="RefundedQuantity"/> never exceeds <see cref="Quantity"/>.</summary>
public sealed class OrderItem
{
    public Guid OrderId { get; set; }

    public required string Sku { get; set; }

    public required string Name { get; set; }

    public required string Category { get; set; }

    public int Quantity { get; set; }

    public long UnitPriceMinor { get; set; }

    public int RefundedQuantity { get; set; }

    public int RefundableQuantity => Quantity - RefundedQuantity;

    public long LineTotalMinor => MinorUnits.Multiply(UnitPriceMinor, Quantity);
}
