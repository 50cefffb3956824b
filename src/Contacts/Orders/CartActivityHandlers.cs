using Lifecycle.Contacts.Lifecycle;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Inbox;

namespace Lifecycle.Contacts.Orders;

/// <summary>Cart changes are activity and evaluation (the cart-or-quote rule).</summary>
public sealed class CartUpdatedHandler(OrderReadModel readModel, LifecycleRules rules, TimeProvider time) : IIntegrationEventHandler<CartUpdated>
{
    public async Task HandleAsync(CartUpdated cart, CancellationToken cancellationToken)
    {
        if (await readModel.FindContactAsync(cart.ContactId, nameof(CartUpdated), cancellationToken) is { } contact)
        {
            OrderReadModel.RecordActivity(contact, cart.OccurredAt, time.UtcNowMicroseconds());
            await rules.ApplyAsync(contact, new CartOrQuoteSignal(cart.EventId), cancellationToken);
        }
    }
}

/// <summary>
/// An abandoned cart had items, so its owner evaluated us: the cart-or-quote rule applies (a no-op when an earlier
/// CartUpdated already moved them). It is not activity: abandonment is noticed by the orders service, not done by the customer.
/// </summary>
public sealed class CartAbandonedHandler(OrderReadModel readModel, LifecycleRules rules) : IIntegrationEventHandler<CartAbandoned>
{
    public async Task HandleAsync(CartAbandoned cart, CancellationToken cancellationToken)
    {
        if (await readModel.FindContactAsync(cart.ContactId, nameof(CartAbandoned), cancellationToken) is { } contact)
        {
            await rules.ApplyAsync(contact, new CartOrQuoteSignal(cart.EventId), cancellationToken);
        }
    }
}
