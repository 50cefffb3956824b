using System.Globalization;

namespace Lifecycle.Messaging.Bench;

/// <summary>
/// What one scenario achieved end to end: how long offering the load took (a producer bottleneck shows here), how
/// long until the last event was relayed (broker-confirmed) and applied, and latency from each event's due time to its consumer finishing.
/// </summary>
public sealed record BenchResult(string Scenario, int Events, double OfferedSeconds, double RelayedSeconds, double Seconds, double P50, double P95, double P99)
{
    public double EventsPerSecond => Events / Seconds;

    public static string Header =>
        "| scenario | events | offered in s | relayed in s | applied in s | events/s | vs baseline | p50 ms | p95 ms | p99 ms |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    public string Row(BenchResult baseline) => string.Create(CultureInfo.InvariantCulture,
        $"| {Scenario} | {Events} | {OfferedSeconds:0.0} | {RelayedSeconds:0.0} | {Seconds:0.0} | {EventsPerSecond:0} | {EventsPerSecond / baseline.EventsPerSecond:0.00} | {P50:0} | {P95:0} | {P99:0} |");
}
