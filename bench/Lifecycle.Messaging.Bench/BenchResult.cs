using System.Globalization;

namespace Lifecycle.Messaging.Bench;

/// <summary>What one provider achieved end to end.</summary>
public sealed record BenchResult(string Provider, int Events, double Seconds, double P50, double P95, double P99)
{
    public double EventsPerSecond => Events / Seconds;

    public static string Header => "| provider | events | seconds | events/s | p50 ms | p95 ms | p99 ms |\n|---|---:|---:|---:|---:|---:|---:|";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"| {Provider} | {Events} | {Seconds:0.0} | {EventsPerSecond:0} | {P50:0} | {P95:0} | {P99:0} |");
}
