namespace Lifecycle.Orders.Bench;

/// <summary>Nearest-rank percentiles of latency samples in milliseconds.</summary>
public static class Percentiles
{
    public static double Of(IReadOnlyCollection<double> samples, int percentile)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
