namespace Lifecycle.Orders;

/// <summary>
/// Money arithmetic on integer minor units. There is no rounding anywhere: prices are whole minor units, a line is
/// unit price x quantity, a total is the sum of its lines, and a partial refund is unit price x refunded quantity.
/// Overflow throws instead of wrapping (validation limits keep real amounts far below it).
/// </summary>
public static class MinorUnits
{
    public static long Multiply(long unitPriceMinor, int quantity) => checked(unitPriceMinor * quantity);

    public static long Add(long a, long b) => checked(a + b);

    public static long Sum(IEnumerable<long> amounts) => amounts.Aggregate(0L, Add);
}
