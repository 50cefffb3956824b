namespace Lifecycle.Contracts.Events;

/// <summary>One line of a cart, order or refund; money in minor units of the enclosing event's currency.</summary>
public sealed record OrderLine(string Sku, int Quantity, long UnitPriceMinor);
