using Lifecycle.Grpc.RichErrors;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Orders.Catalogue;
using Lifecycle.Orders.Data;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Orders.Carts;

/// <summary>
/// Changes a contact's open cart: validates the request and the product, prices the line from the catalogue, and
/// stores the change with its CartUpdated event in one commit. Concurrent edits of one cart are retried on fresh state.
/// </summary>
public sealed class CartEditor(OrdersDbContext db, IEventPublisher events, TimeProvider time)
{
    public enum Change { Add, Set, Remove }

    public Task<Cart> EditAsync(string contactIdText, string sku, int quantity, Change change, CancellationToken cancellationToken)
    {
        var errors = RpcExceptions.BadRequest();
        var contactId = Ids.Parse(contactIdText, "contact_id", errors);
        errors.AddViolationIf(!Skus.IsValid(sku), "sku", Skus.Rule);
        errors.AddViolationIf(change != Change.Remove && quantity is < 1 or > FieldLimits.MaxQuantity, "quantity", $"must be between 1 and {FieldLimits.MaxQuantity}");
        errors.ThrowIfAny();

        return ConcurrentUpdates.RetryAsync(db, async () =>
        {
            var cart = await OpenCartAsync(contactId, create: change != Change.Remove, cancellationToken);
            var item = cart?.Items.SingleOrDefault(i => i.Sku == sku);
            if (cart is null || change == Change.Remove)
            {
                if (cart is null || item is null)
                {
                    // Removing what is not there is done already: report the cart as it is.
                    return cart ?? new Cart { ContactId = contactId };
                }
                cart.Items.Remove(item);
            }
            else
            {
                await PriceAsync(cart, item, sku, change == Change.Add ? (item?.Quantity ?? 0) + quantity : quantity, cancellationToken);
            }
            await SaveAsync(cart, cancellationToken);
            return cart;
        }, cancellationToken);
    }

    private async Task PriceAsync(Cart cart, CartItem? item, string sku, int quantity, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Sku == sku, cancellationToken)
            ?? throw RpcExceptions.NotFound("product", sku);
        var subject = $"products/{sku}";
        if (!product.Active)
        {
            throw Preconditions.Failed("PRODUCT_INACTIVE", subject, $"Product {sku} is not for sale.");
        }
        if (cart.Items.Any(i => i != item) && cart.Currency != product.Currency)
        {
            throw Preconditions.Failed("CURRENCY_MISMATCH", subject, $"Product {sku} is priced in {product.Currency}; the cart is in {cart.Currency}.");
        }
        if (quantity > FieldLimits.MaxQuantity)
        {
            throw RpcExceptions.InvalidArgument("quantity", $"would make the line exceed {FieldLimits.MaxQuantity} units");
        }
        if (item is null)
        {
            if (cart.Items.Count >= FieldLimits.MaxCartLines)
            {
                throw Preconditions.Failed("CART_FULL", $"carts/{cart.Id}", $"A cart holds at most {FieldLimits.MaxCartLines} products.");
            }
            item = new CartItem { CartId = cart.Id, Sku = sku, Name = product.Name };
            cart.Items.Add(item);
        }
        (item.Name, item.Quantity, item.UnitPriceMinor) = (product.Name, quantity, product.PriceMinor);
        cart.Currency = product.Currency;
    }

    private async Task<Cart?> OpenCartAsync(Guid contactId, bool create, CancellationToken cancellationToken)
    {
        var cart = await db.Carts.Include(c => c.Items).SingleOrDefaultAsync(c => c.OpenContactId == contactId, cancellationToken);
        if (cart is null && create)
        {
            var now = time.UtcNow();
            cart = new Cart
            {
                Id = Guid.CreateVersion7(),
                ContactId = contactId,
                OpenContactId = contactId,
                Status = CartStatus.Open,
                CreatedAt = now,
                LastActivityAt = now,
            };
            db.Carts.Add(cart);
        }
        return cart;
    }

    private async Task SaveAsync(Cart cart, CancellationToken cancellationToken)
    {
        cart.Touch(time.UtcNow());
        events.Publish(CartEvents.Updated(cart));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException && db.Entry(cart).State == EntityState.Added)
        {
            // Another request opened this contact's cart first (unique open_contact_id): redo the edit on that cart.
            throw new DbUpdateConcurrencyException("A concurrent request opened the contact's cart.", e);
        }
    }
}
