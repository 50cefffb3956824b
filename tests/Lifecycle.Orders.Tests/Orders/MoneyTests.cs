namespace Lifecycle.Orders.Tests.Orders;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(1999, 3, 5997)]
    [InlineData(1, 10_000, 10_000)]
    [InlineData(0, 7, 0)]
    [InlineData(100_000_000_000, 10_000, 1_000_000_000_000_000)]
    public void A_line_is_unit_price_times_quantity_in_whole_minor_units(long unit, int quantity, long expected)
    {
        Assert.Equal(expected, MinorUnits.Multiply(unit, quantity));
    }

    [Fact]
    public void Overflow_throws_instead_of_wrapping_around()
    {
        Assert.Throws<OverflowException>(() => MinorUnits.Multiply(long.MaxValue / 2, 3));
        Assert.Throws<OverflowException>(() => MinorUnits.Add(long.MaxValue, 1));
    }

    [Fact]
    public void Sums_are_exact_where_binary_floating_point_is_not()
    {
        // 0.1 + 0.2 != 0.3 in double; in minor units 10 + 20 is 30, always.
        Assert.NotEqual(0.3, 0.1 + 0.2);
        Assert.Equal(30, MinorUnits.Sum([10, 20]));
    }
}
