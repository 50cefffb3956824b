using Grpc.Core;
using Lifecycle.Grpc.RichErrors;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Orders.Carts;
using Lifecycle.Orders.Catalogue;
using Lifecycle.Orders.Data;
using Lifecycle.Orders.Orders;
using Microsoft.EntityFrameworkCore;
using Api = Lifecycle.Contracts.Orders.V1;

namespace Lifecycle.Orders.Checkout;

/// <summary>
/// Checkout: turns an open cart into an order awaiting payment, with OrderPlaced, in one commit. Idempotent by
/// request_id (unique), and one order per cart across replicas: the cart's status flips under its version check
/// (a conditional UPDATE), and orders.cart_id is unique as the last line of defence.
/// </summary>
public sealed class OrderPlacer(OrdersDbContext db, IEventPublisher events, TimeProvider time)
{
    public Task<Order> CheckoutAsync(Api.CheckoutRequest request, CancellationToken cancellationToken)
    {
        var errors = RpcExceptions.BadRequest()
            .AddViolationIf(request.RequestId.Length is 0 or > FieldLimits.RequestId, "request_id", $"must be 1-{FieldLimits.RequestId} characters");
        var cartId = Ids.Parse(request.CartId, "cart_id", errors);
        errors.ThrowIfAny();
        return ConcurrentUpdates.RetryAsync(db, () => PlaceAsync(request.RequestId, cartId, cancellationToken), cancellationToken);
    }

    private async Task<Order> PlaceAsync(string requestId, Guid cartId, CancellationToken cancellationToken)
    {
        if (await FindByRequestAsync(requestId, cancellationToken) is { } earlier)
        {
            return SameCart(earlier, cartId);
        }
        var cart = await db.Carts.Include(c => c.Items).SingleOrDefaultAsync(c => c.Id == cartId, cancellationToken)
            ?? throw RpcExceptions.NotFound("cart", cartId.ToString());
        if (cart.Status != CartStatus.Open)
        {
            // The same request may have committed between the first look-up and reading the cart.
            return await FindByRequestAsync(requestId, cancellationToken) is { } justPlaced
                ? SameCart(justPlaced, cartId)
                : throw await CheckedOutAsync(cartId, cancellationToken);
        }
        if (cart.Items.Count == 0)
        {
            throw Preconditions.Failed("CART_EMPTY", $"carts/{cartId}", "An empty cart cannot be checked out.");
        }
        var skus = cart.Items.Select(i => i.Sku).ToList();
        var products = await db.Products.AsNoTracking().Where(p => skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, cancellationToken);
        PriceCheck.Verify(cart, products);

        var order = NewOrder(cart, products, requestId);
        // The conditional update: EF adds "WHERE version = <read version>", so only one checkout can flip the cart.
        cart.Status = CartStatus.CheckedOut;
        cart.OpenContactId = null;
        cart.Version++;
        db.Orders.Add(order);
        events.Publish(OrderEvents.Placed(order));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return order;
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // A concurrent checkout inserted the same request_id or cart_id first.
            db.ChangeTracker.Clear();
            return await FindByRequestAsync(requestId, cancellationToken) is { } concurrent
                ? SameCart(concurrent, cartId)
                : throw await CheckedOutAsync(cartId, cancellationToken);
        }
    }

    private Order NewOrder(Cart cart, Dictionary<string, Product> products, string requestId)
    {
        var now = time.UtcNow();
        var orderId = Guid.CreateVersion7();
        return new Order
        {
            Id = orderId,
            ContactId = cart.ContactId,
            CartId = cart.Id,
            CheckoutRequestId = requestId,
            Status = OrderStatus.PendingPayment,
            Currency = cart.Currency!,
            TotalMinor = cart.TotalMinor,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
            Items = cart.Items.Select(i => new OrderItem
            {
                OrderId = orderId,
                Sku = i.Sku,
                Name = i.Name,
                Category = products[i.Sku].Category,
                Quantity = i.Quantity,
                UnitPriceMinor = i.UnitPriceMinor,
            }).ToList(),
        };
    }

    private Task<Order?> FindByRequestAsync(string requestId, CancellationToken cancellationToken) =>
        db.Orders.Include(o => o.Items).AsNoTracking().SingleOrDefaultAsync(o => o.CheckoutRequestId == requestId, cancellationToken);

    private static Order SameCart(Order earlier, Guid cartId) =>
        earlier.CartId == cartId ? earlier : throw RpcExceptions.InvalidArgument("request_id", "was already used to check out another cart");

    private async Task<RpcException> CheckedOutAsync(Guid cartId, CancellationToken cancellationToken)
    {
        var orderId = await db.Orders.AsNoTracking().Where(o => o.CartId == cartId).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
        return Preconditions.Failed("CART_CHECKED_OUT", $"carts/{cartId}", $"The cart was already checked out as order {orderId}.");
    }
}
