using Lifecycle.Orders.Catalogue;
using Lifecycle.Orders.Data;
using Lifecycle.Orders.Orders;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Orders.Recommendations;

/// <summary>A product and the number of paid orders in which it was bought together with something the contact owns.</summary>
public sealed record CoPurchase(Product Product, int Count);

/// <summary>
/// Bought-together cross-sell from purchase facts, computed in the database: the contact's owned SKUs (paid or
/// fulfilled orders), the paid orders containing any of them, and the other active products in those orders, ranked
/// by how many such orders contain them (ties by SKU). What the contact owns is never recommended.
/// </summary>
public sealed class CoPurchaseQuery(OrdersDbContext db)
{
    private static readonly OrderStatus[] Purchased = [OrderStatus.Paid, OrderStatus.Fulfilled];

    public async Task<IReadOnlyList<CoPurchase>> FindAsync(Guid contactId, int maxResults, CancellationToken cancellationToken)
    {
        var purchasedItems = db.Orders.Where(o => Purchased.Contains(o.Status)).SelectMany(o => o.Items);
        var owned = db.Orders.Where(o => o.ContactId == contactId && Purchased.Contains(o.Status))
            .SelectMany(o => o.Items).Select(i => i.Sku);
        var basketsWithOwned = purchasedItems.Where(i => owned.Contains(i.Sku)).Select(i => i.OrderId);
        var ranked = await purchasedItems
            .Where(i => basketsWithOwned.Contains(i.OrderId) && !owned.Contains(i.Sku))
            .GroupBy(i => i.Sku)
            .Select(g => new { Sku = g.Key, Count = g.Count() })
            .Join(db.Products.Where(p => p.Active), g => g.Sku, p => p.Sku, (g, p) => new { Product = p, g.Count })
            .OrderByDescending(x => x.Count).ThenBy(x => x.Product.Sku)
            .Take(maxResults)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return ranked.Select(x => new CoPurchase(x.Product, x.Count)).ToList();
    }
}
