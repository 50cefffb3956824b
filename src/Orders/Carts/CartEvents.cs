using Lifecycle.Contracts.Events;

namespace Lifecycle.Orders.Carts;

/// <summary>Builds the cart integration events; the cart id is the aggregate, its version the aggregate version.</summary>
public static class CartEvents
{
    public static CartUpdated Updated(Cart cart) => new()
    {
        AggregateId = cart.Id.ToString(),
        AggregateVersion = cart.Version,
        OccurredAt = cart.LastActivityAt,
        ContactId = cart.ContactId.ToString(),
        Lines = Lines(cart),
        TotalMinor = cart.TotalMinor,
        Currency = cart.Currency ?? "",
    };

    public static CartAbandoned Abandoned(Cart cart, DateTime now) => new()
    {
        AggregateId = cart.Id.ToString(),
        AggregateVersion = cart.Version,
        OccurredAt = now,
        ContactId = cart.ContactId.ToString(),
        TotalMinor = cart.TotalMinor,
        Currency = cart.Currency ?? "",
    };

    private static List<OrderLine> Lines(Cart cart) =>
        cart.Items.OrderBy(i => i.Sku, StringComparer.Ordinal).Select(i => new OrderLine(i.Sku, i.Quantity, i.UnitPriceMinor)).ToList();
}
