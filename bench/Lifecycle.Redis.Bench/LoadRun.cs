using System.Diagnostics;

namespace Lifecycle.Redis.Bench;

/// <summary>Closed-loop throughput: N callers share the connection, each issuing its next call as soon as the previous one completed.</summary>
internal static class LoadRun
{
    /// <summary>
    /// Requests per second, and this process's CPU time per request in microseconds: on a shared machine the
    /// throughput follows whatever else runs, while the CPU cost per call is a property of the client itself.
    /// </summary>
    public static async Task<(double RequestsPerSecond, double CpuMicrosecondsPerCall, long Calls)> RunAsync(Func<int, Task> operation, int callers, TimeSpan duration)
    {
        var total = 0L;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
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
        var elapsed = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        return (total / elapsed.TotalSeconds, cpu.TotalMicroseconds / Math.Max(1, total), total);
    }
}
