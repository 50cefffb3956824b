using System.Globalization;

namespace Lifecycle.Orders.Bench;

/// <summary>Machine-readable result lines (`RESULT name value`) that bench/orders.sh turns into the table.</summary>
public static class Report
{
    public static void Line(string name, double value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {name} {value:0.###}"));
}
