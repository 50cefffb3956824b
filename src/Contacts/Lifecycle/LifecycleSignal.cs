namespace Lifecycle.Contacts.Lifecycle;

/// <summary>Something that happened to a contact that stage rules may react to; EventId is the triggering event, if any.</summary>
public abstract record LifecycleSignal(Guid? EventId);

/// <summary>An interaction was recorded; IsFirst when the contact had none before.</summary>
public sealed record InteractionSignal(Guid? EventId, string Kind, int? Score, bool IsFirst) : LifecycleSignal(EventId)
{
    /// <summary>Referral, review or an NPS score of 9 or 10 make a promoter.</summary>
    public bool IsAdvocacy => Kind is InteractionKinds.Referral or InteractionKinds.Review
        || (Kind == InteractionKinds.Nps && Score >= 9);
}

/// <summary>Cart activity or a quote request.</summary>
public sealed record CartOrQuoteSignal(Guid? EventId) : LifecycleSignal(EventId);

/// <summary>An order was paid; PaidOrders counts it and every paid order before it.</summary>
public sealed record PaidOrderSignal(Guid? EventId, int PaidOrders) : LifecycleSignal(EventId);

/// <summary>The scheduler noticed the contact has been inactive this long.</summary>
public sealed record InactivitySignal(TimeSpan Inactive) : LifecycleSignal(EventId: null);
