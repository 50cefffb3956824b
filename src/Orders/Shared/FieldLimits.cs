namespace Lifecycle.Orders;

/// <summary>Length and size limits shared by validation, the model and the migrations.</summary>
public static class FieldLimits
{
    public const int Sku = 64;
    public const int Name = 200;
    public const int Category = 100;
    public const int RequestId = 64;
    public const int PaymentId = 128;
    public const int Reason = 500;
    public const int MaxQuantity = 10_000;
    public const int MaxCartLines = 100;

    /// <summary>10^11 minor units (a billion in a two-decimal currency): far from overflow even times the quantity cap.</summary>
    public const long MaxPriceMinor = 100_000_000_000;
}
