namespace Lifecycle.Orders.Carts;

/// <summary>A contact's cart. At most one is open per contact: <see cref="OpenContactId"/> carries a unique index.</summary>
public sealed class Cart
{
    public Guid Id { get; set; }

    public Guid ContactId { get; set; }

    /// <summary>The contact while the cart is open, null afterwards; unique, so a contact never has two open carts.</summary>
    public Guid? OpenContactId { get; set; }

    public CartStatus Status { get; set; }

    /// <summary>The currency of the first item; null while the cart is empty.</summary>
    public string? Currency { get; set; }

    /// <summary>Optimistic concurrency token: checkout, edits and the abandonment claim all increment it.</summary>
    public long Version { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Last change by the customer; the abandonment window counts from here.</summary>
    public DateTime LastActivityAt { get; set; }

    /// <summary>When CartAbandoned was published for the current period of inactivity; activity clears it.</summary>
    public DateTime? AbandonedAt { get; set; }

    public List<CartItem> Items { get; set; } = [];

    public long TotalMinor => Items.Aggregate(0L, (sum, item) => MinorUnits.Add(sum, item.LineTotalMinor));

    /// <summary>Records customer activity: a new version, and a fresh abandonment period.</summary>
    public void Touch(DateTime now)
    {
        Version++;
        LastActivityAt = now;
        AbandonedAt = null;
        Currency = Items.Count == 0 ? null : Currency;
    }
}
