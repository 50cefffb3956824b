using Lifecycle.Contacts.Lifecycle;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Inbox;

namespace Lifecycle.Contacts.Orders;

/// <summary>A checkout produced an order: the order joins the read model and counts as evaluation (cart or quote).</summary>
public sealed class OrderPlacedHandler(OrderReadModel readModel, LifecycleRules rules, TimeProvider time) : IIntegrationEventHandler<OrderPlaced>
{
    public async Task HandleAsync(OrderPlaced placed, CancellationToken cancellationToken)
    {
        if (await readModel.FindContactAsync(placed.ContactId, nameof(OrderPlaced), cancellationToken) is not { } contact)
        {
            return;
        }
        var order = await readModel.OrderAsync(placed.AggregateId, contact.Id, placed.Currency, cancellationToken);
        if (order.PaidAt is null)
        {
            order.TotalMinor = placed.TotalMinor;
            order.UpdatedAt = placed.OccurredAt.UtcDateTime;
        }
        OrderReadModel.RecordActivity(contact, placed.OccurredAt, time.UtcNowMicroseconds());
        await rules.ApplyAsync(contact, new CartOrQuoteSignal(placed.EventId), cancellationToken);
    }
}
