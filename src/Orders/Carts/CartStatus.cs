namespace Lifecycle.Orders.Carts;

/// <summary>A cart is open until a checkout turns it into an order.</summary>
public enum CartStatus
{
    Open,
    CheckedOut,
}
