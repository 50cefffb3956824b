namespace Lifecycle.Contacts.Value;

/// <summary>What the value calculator reads about one contact; gathered by <see cref="CustomerValueReader"/>.</summary>
public sealed record ValueFacts(
    string Stage,
    DateTime LastActivityAt,
    int PaidOrderCount,
    long RevenueMinor,
    DateTime? FirstPurchaseAt,
    DateTime? LastPurchaseAt,
    int RefundedOrderCount);
