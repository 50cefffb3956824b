namespace Lifecycle.Contacts.Orders;

/// <summary>The statuses an order can have in the read model (also shown in snapshots).</summary>
public static class OrderStatuses
{
    public const string Placed = "placed";
    public const string Paid = "paid";
    public const string PartiallyRefunded = "partially_refunded";
    public const string Refunded = "refunded";
    public const string Cancelled = "cancelled";
}
