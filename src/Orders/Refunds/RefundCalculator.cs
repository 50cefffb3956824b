using Grpc.Core;
using Lifecycle.Grpc.RichErrors;
using Lifecycle.Orders.Orders;
using Api = Lifecycle.Contracts.Orders.V1;

namespace Lifecycle.Orders.Refunds;

/// <summary>One order line and how many of its units a refund pays back.</summary>
public sealed record RefundPick(OrderItem Item, int Quantity)
{
    /// <summary>Unit price x quantity, in integer minor units: partial refunds never round.</summary>
    public long AmountMinor => MinorUnits.Multiply(Item.UnitPriceMinor, Quantity);
}

/// <summary>
/// Decides which units a refund covers, never more than was paid: per line, refunded units stay within the units
/// bought; an empty request means every unit not refunded yet. Pure, so the limits are unit-tested without a database.
/// </summary>
public static class RefundCalculator
{
    public static IReadOnlyList<RefundPick> Pick(Order order, IReadOnlyList<Api.RefundLineRequest> lines)
    {
        if (lines.Count == 0)
        {
            var rest = order.Items.Where(i => i.RefundableQuantity > 0).Select(i => new RefundPick(i, i.RefundableQuantity)).ToList();
            return rest.Count > 0 ? rest : throw Exceeds(order, "Everything paid for this order was refunded already.");
        }
        var errors = RpcExceptions.BadRequest();
        var picks = new List<RefundPick>();
        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index];
            var item = order.Items.SingleOrDefault(i => i.Sku == line.Sku);
            errors.AddViolationIf(item is null, $"lines[{index}].sku", "is not on the order");
            errors.AddViolationIf(line.Quantity < 1, $"lines[{index}].quantity", "must be at least 1");
            errors.AddViolationIf(lines.Take(index).Any(l => l.Sku == line.Sku), $"lines[{index}].sku", "appears twice");
            if (item is not null && line.Quantity >= 1)
            {
                picks.Add(new RefundPick(item, line.Quantity));
            }
        }
        errors.ThrowIfAny();
        var beyond = picks.FirstOrDefault(p => p.Quantity > p.Item.RefundableQuantity);
        return beyond is null ? picks : throw Exceeds(order,
            $"Only {beyond.Item.RefundableQuantity} of {beyond.Item.Quantity} units of {beyond.Item.Sku} can still be refunded.");
    }

    /// <summary>True when the picks pay back every unit still refundable (the order becomes Refunded).</summary>
    public static bool CoversRest(Order order, IReadOnlyList<RefundPick> picks) =>
        order.Items.All(i => i.RefundableQuantity == picks.Where(p => p.Item == i).Sum(p => p.Quantity));

    private static RpcException Exceeds(Order order, string description) =>
        Preconditions.Failed("REFUND_EXCEEDS_PAID", $"orders/{order.Id}", description);
}
