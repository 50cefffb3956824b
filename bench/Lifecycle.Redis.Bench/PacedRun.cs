using System.Collections.Concurrent;
using System.Diagnostics;

namespace Lifecycle.Redis.Bench;

/// <summary>
/// Open-loop load at a fixed rate: calls are started on schedule whether or not earlier ones finished,
/// so queueing shows up in the latency instead of silently lowering the rate (no coordinated omission).
/// </summary>
internal static class PacedRun
{
    public static async Task<(double RequestsPerSecond, double P50, double P99, double P999)> RunAsync(
        Func<int, Task> operation, int requestsPerSecond, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        long started = 0;
        while (clock.Elapsed < duration)
        {
            // Timer resolution is about a millisecond, so calls go out in small bursts of what is due.
            var due = (long)(clock.Elapsed.TotalSeconds * requestsPerSecond);
            for (; started < due; started++)
            {
                inFlight.Add(TimeOne(operation, latencies));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(inFlight);
        var sorted = latencies.Order().ToArray();
        double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)(p / 100 * sorted.Length))];
        return (started / clock.Elapsed.TotalSeconds, At(50), At(99), At(99.9));
    }

    private static async Task TimeOne(Func<int, Task> operation, ConcurrentBag<double> latencies)
    {
        var start = Stopwatch.GetTimestamp();
        await operation(0);
        latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }
}
