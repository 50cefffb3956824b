using System.Diagnostics;

namespace Lifecycle.Redis.Bench;

/// <summary>Closed-loop throughput: N callers share the connection, each issuing its next call as soon as the previous one completed.</summary>
internal static class LoadRun
{
    /// <summary>
    /// Requests per second, plus this process's CPU time and heap allocations per request: on a shared machine
    /// the throughput follows whatever else runs, while the cost per call is a property of the client itself.
    /// </summary>
    public static async Task<LoadResult> RunAsync(Func<int, Task> operation, int callers, TimeSpan duration)
    {
        var total = 0L;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        // A flag the callers poll rather than a clock each reads per call: the driver's own cost stays out of the figures.
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var local = 0L;
            while (!stop.IsCancellationRequested)
            {
                await operation(caller);
                local++;
            }

            Interlocked.Add(ref total, local);
        })));
        var elapsed = clock.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var calls = Math.Max(1, total);
        return new LoadResult(total / elapsed.TotalSeconds, cpu.TotalMicroseconds / calls, (double)allocated / calls, total);
    }
}

/// <summary>What one closed-loop run measured; the per-call figures include the load driver's own small share.</summary>
internal readonly record struct LoadResult(double RequestsPerSecond, double CpuMicrosecondsPerCall, double BytesAllocatedPerCall, long Calls);
