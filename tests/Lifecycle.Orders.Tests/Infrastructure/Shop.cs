using Lifecycle.Contracts.Orders.V1;

namespace Lifecycle.Orders.Tests.Infrastructure;

/// <summary>Steps most tests start from: unique products, a filled cart, a placed or paid order.</summary>
public sealed class Shop(OrdersHost host)
{
    public static string NewSku(string prefix = "sku") => $"{prefix}-{Guid.NewGuid():N}"[..24];

    public static string NewContactId() => Guid.NewGuid().ToString();

    public async Task<Product> ProductAsync(long priceMinor = 1999, string currency = "EUR", string category = "coffee", string? sku = null)
    {
        var product = new Product
        {
            Sku = sku ?? NewSku(),
            Name = "Single origin beans",
            Category = category,
            Active = true,
            Price = new Money { AmountMinor = priceMinor, CurrencyCode = currency },
        };
        return (await host.Catalogue.CreateProductAsync(new CreateProductRequest { Product = product })).Product;
    }

    public async Task<Cart> CartAsync(string contactId, params (Product Product, int Quantity)[] lines)
    {
        Cart cart = new();
        foreach (var (product, quantity) in lines)
        {
            cart = (await host.Carts.AddCartItemAsync(new AddCartItemRequest { ContactId = contactId, Sku = product.Sku, Quantity = quantity })).Cart;
        }
        return cart;
    }

    public async Task<Order> PlacedOrderAsync(string? contactId = null, params (Product Product, int Quantity)[] lines)
    {
        contactId ??= NewContactId();
        if (lines.Length == 0)
        {
            lines = [(await ProductAsync(1999), 2), (await ProductAsync(500), 1)];
        }
        var cart = await CartAsync(contactId, lines);
        return (await host.Orders.CheckoutAsync(new CheckoutRequest { CartId = cart.Id, RequestId = Guid.NewGuid().ToString() })).Order;
    }

    public async Task<Order> PaidOrderAsync(string? contactId = null, params (Product Product, int Quantity)[] lines)
    {
        var order = await PlacedOrderAsync(contactId, lines);
        return await PayAsync(order);
    }

    public async Task<Order> PayAsync(Order order, string? paymentId = null) =>
        (await host.Payments.ConfirmPaymentAsync(new ConfirmPaymentRequest { OrderId = order.Id, PaymentId = paymentId ?? $"pay-{order.Id}", Amount = order.Total })).Order;
}
