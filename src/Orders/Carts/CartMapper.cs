using Api = Lifecycle.Contracts.Orders.V1;

namespace Lifecycle.Orders.Carts;

/// <summary>Maps stored carts to the API message; a contact without an open cart gets an empty one with no id.</summary>
public static class CartMapper
{
    public static Api.Cart ToApi(this Cart cart)
    {
        var currency = cart.Currency ?? "";
        var api = new Api.Cart
        {
            Id = cart.Id == Guid.Empty ? "" : cart.Id.ToString(),
            ContactId = cart.ContactId.ToString(),
            Total = new Api.Money { AmountMinor = cart.TotalMinor, CurrencyCode = currency },
            Version = cart.Version,
            UpdateTime = Timestamps.From(cart.LastActivityAt),
        };
        api.Items.AddRange(cart.Items.OrderBy(i => i.Sku, StringComparer.Ordinal).Select(i => new Api.CartItem
        {
            Sku = i.Sku,
            Name = i.Name,
            Quantity = i.Quantity,
            UnitPrice = new Api.Money { AmountMinor = i.UnitPriceMinor, CurrencyCode = currency },
            LineTotal = new Api.Money { AmountMinor = i.LineTotalMinor, CurrencyCode = currency },
        }));
        return api;
    }

    public static Api.Cart Empty(Guid contactId) => new() { ContactId = contactId.ToString(), Total = new Api.Money() };
}
