using System.Diagnostics;

namespace Lifecycle.Redis.Bench;

/// <summary>Closed-loop throughput: N callers share the connection, each issuing its next call as soon as the previous one completed.</summary>
internal static class LoadRun
{
    public static async Task<double> RequestsPerSecondAsync(Func<int, Task> operation, int callers, TimeSpan duration)
    {
        var total = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var local = 0L;
            while (clock.Elapsed < duration)
            {
                await operation(caller);
                local++;
            }

            Interlocked.Add(ref total, local);
        })));
        return total / clock.Elapsed.TotalSeconds;
    }
}
