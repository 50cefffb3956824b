namespace Lifecycle.Orders.Carts;

/// <summary>One product in a cart, priced from the catalogue when it was added or its quantity last set.</summary>
public sealed class CartItem
{
    public Guid CartId { get; set; }

    public required string Sku { get; set; }

    public required string Name { get; set; }

    public int Quantity { get; set; }

    public long UnitPriceMinor { get; set; }

    public long LineTotalMinor => MinorUnits.Multiply(UnitPriceMinor, Quantity);
}
