using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Orders.Data;
using Lifecycle.Orders.Orders;

namespace Lifecycle.Orders.Refunds;

/// <summary>Records a refund on a tracked order (lines, refunded totals, version) and stages OrderRefunded; the caller saves.</summary>
public sealed class RefundWriter(OrdersDbContext db, IEventPublisher events)
{
    public Refund Write(Order order, IReadOnlyList<RefundPick> picks, string requestId, string reason, OrderStatus statusAfter, DateTime now)
    {
        var refund = new Refund
        {
            Id = Guid.CreateVersion7(),
            OrderId = order.Id,
            RequestId = requestId,
            Currency = order.Currency,
            Reason = reason,
            CreatedAt = now,
            AmountMinor = MinorUnits.Sum(picks.Select(p => p.AmountMinor)),
        };
        foreach (var pick in picks)
        {
            pick.Item.RefundedQuantity += pick.Quantity;
            refund.Lines.Add(new RefundLine
            {
                RefundId = refund.Id,
                Sku = pick.Item.Sku,
                Quantity = pick.Quantity,
                UnitPriceMinor = pick.Item.UnitPriceMinor,
                AmountMinor = pick.AmountMinor,
            });
        }
        order.RefundedMinor = MinorUnits.Add(order.RefundedMinor, refund.AmountMinor);
        // The per-line limits imply this; checked again because paying back more than was paid must be impossible.
        if (order.RefundedMinor > order.TotalMinor)
        {
            throw new InvalidOperationException($"Refunds of order {order.Id} would exceed its total.");
        }
        order.MoveTo(statusAfter, now);
        db.Refunds.Add(refund);
        events.Publish(new OrderRefunded
        {
            AggregateId = order.Id.ToString(),
            AggregateVersion = order.Version,
            OccurredAt = now,
            ContactId = order.ContactId.ToString(),
            AmountMinor = refund.AmountMinor,
            Currency = order.Currency,
            Lines = refund.Lines.Select(l => new OrderLine(l.Sku, l.Quantity, l.UnitPriceMinor)).ToList(),
        });
        return refund;
    }
}
