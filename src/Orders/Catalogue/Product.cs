namespace Lifecycle.Orders.Catalogue;

/// <summary>A product in the catalogue; the price is in minor units of <see cref="Currency"/>.</summary>
public sealed class Product
{
    public required string Sku { get; set; }

    public required string Name { get; set; }

    public required string Category { get; set; }

    public long PriceMinor { get; set; }

    public required string Currency { get; set; }

    public bool Active { get; set; }

    /// <summary>Optimistic concurrency token; every change increments it.</summary>
    public long Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
