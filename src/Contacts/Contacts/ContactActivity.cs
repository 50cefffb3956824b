namespace Lifecycle.Contacts.Contacts;

/// <summary>Behaviour and value facts kept current from interactions and order events; the stage rules read them.</summary>
public sealed class ContactActivity
{
    public DateTime LastActivityAt { get; set; }

    public int InteractionCount { get; set; }

    public int PaidOrderCount { get; set; }

    /// <summary>Paid minus refunded, in minor units of <see cref="Currency"/>.</summary>
    public long RevenueMinor { get; set; }

    public string? Currency { get; set; }

    public DateTime? FirstPurchaseAt { get; set; }

    public DateTime? LastPurchaseAt { get; set; }
}
