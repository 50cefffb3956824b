using Lifecycle.Contacts.Lifecycle;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Inbox;

namespace Lifecycle.Contacts.Orders;

/// <summary>A paid order: updates value facts and runs the purchase rules (first, repeat, win-back).</summary>
public sealed class OrderPaidHandler(OrderReadModel readModel, LifecycleRules rules, TimeProvider time) : IIntegrationEventHandler<OrderPaid>
{
    public async Task HandleAsync(OrderPaid paid, CancellationToken cancellationToken)
    {
        if (await readModel.FindContactAsync(paid.ContactId, nameof(OrderPaid), cancellationToken) is not { } contact)
        {
            return;
        }
        var order = await readModel.OrderAsync(paid.AggregateId, contact.Id, paid.Currency, cancellationToken);
        if (order.PaidAt is not null)
        {
            // A second payment event for one order (not a redelivery: the inbox drops those) must not count twice.
            return;
        }
        var paidAt = paid.OccurredAt.UtcDateTime;
        order.Status = OrderStatuses.Paid;
        order.TotalMinor = paid.AmountMinor;
        order.PaidAt = paidAt;
        order.UpdatedAt = paidAt;

        var activity = contact.Activity;
        activity.PaidOrderCount++;
        activity.RevenueMinor += paid.AmountMinor;
        activity.Currency ??= paid.Currency;
        activity.FirstPurchaseAt ??= paidAt;
        activity.LastPurchaseAt = activity.LastPurchaseAt is { } last && last > paidAt ? last : paidAt;
        OrderReadModel.RecordActivity(contact, paid.OccurredAt, time.UtcNowMicroseconds());
        await rules.ApplyAsync(contact, new PaidOrderSignal(paid.EventId, activity.PaidOrderCount), cancellationToken);
    }
}
