namespace Lifecycle.Contacts.Analytics;

/// <summary>Rates and averages as the reports define them: an empty denominator gives 0, never NaN or infinity.</summary>
public static class Ratio
{
    public static double Of(long part, long whole) => whole == 0 ? 0 : (double)part / whole;

    /// <summary>An average in minor units, rounded half away from zero like money elsewhere.</summary>
    public static long AverageMinor(long totalMinor, long count) =>
        count == 0 ? 0 : (long)Math.Round((decimal)totalMinor / count, MidpointRounding.AwayFromZero);
}
