using Google.Rpc;
using Lifecycle.Orders.Carts;
using Lifecycle.Orders.Catalogue;

namespace Lifecycle.Orders.Checkout;

/// <summary>
/// Re-checks a cart against the catalogue at checkout: every product still for sale, at the price and currency the
/// customer saw. Any difference refuses the checkout (FAILED_PRECONDITION listing each line); setting the line's
/// quantity again re-prices it, so the customer confirms the new total before paying it.
/// </summary>
public static class PriceCheck
{
    public static void Verify(Cart cart, IReadOnlyDictionary<string, Product> products)
    {
        var violations = new List<PreconditionFailure.Types.Violation>();
        foreach (var item in cart.Items)
        {
            var subject = $"products/{item.Sku}";
            if (!products.TryGetValue(item.Sku, out var product) || !product.Active)
            {
                violations.Add(Violation("PRODUCT_INACTIVE", subject, $"{item.Sku} is no longer for sale."));
            }
            else if (product.PriceMinor != item.UnitPriceMinor || product.Currency != cart.Currency)
            {
                violations.Add(Violation("PRICE_CHANGED", subject,
                    $"{item.Sku} now costs {product.PriceMinor} {product.Currency} (minor units), not {item.UnitPriceMinor} {cart.Currency}."));
            }
        }
        if (violations.Count > 0)
        {
            throw Preconditions.Failed("The catalogue changed since items were added; update the cart and check out again.", violations);
        }
    }

    private static PreconditionFailure.Types.Violation Violation(string type, string subject, string description) =>
        new() { Type = type, Subject = subject, Description = description };
}
