using System.Diagnostics;
using Grpc.Net.Client;
using Lifecycle.Grpc.Testing.Echo;

namespace Lifecycle.Grpc.Bench;

/// <summary>Drives unary echo calls from many concurrent callers over one channel and reports req/s and latency.</summary>
internal static class ClientLoad
{
    public static async Task<LoadResult> RunOursAsync(Uri address, int concurrency, TimeSpan duration)
    {
        using var channel = GrpcChannel.ForAddress(address);
        var client = new EchoService.EchoServiceClient(channel);
        await client.EchoAsync(EchoPayloads.Request);
        return await RunAsync(concurrency, duration, async () =>
        {
            var reply = await client.EchoAsync(EchoPayloads.Request);
            if (reply.Text != EchoPayloads.Text)
            {
                throw new InvalidOperationException("Wrong echo.");
            }
        });
    }

    /// <summary>The baseline: plain HttpClient posting pre-framed bytes, no gRPC client code at all.</summary>
    public static async Task<LoadResult> RunRawAsync(Uri address, int concurrency, TimeSpan duration)
    {
        using var client = new RawEchoClient(address);
        await client.EchoAsync();
        return await RunAsync(concurrency, duration, client.EchoAsync);
    }

    private static async Task<LoadResult> RunAsync(int concurrency, TimeSpan duration, Func<Task> call)
    {
        var latencies = new List<double>[concurrency];
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(1 << 16);
            while (stopwatch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await call();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }).ToArray();
        await Task.WhenAll(workers);
        var elapsed = stopwatch.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(all.Length, elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];
}

/// <summary>What a load run measured.</summary>
internal sealed record LoadResult(int Calls, TimeSpan Elapsed, double P50Milliseconds, double P99Milliseconds)
{
    public double RequestsPerSecond => Calls / Elapsed.TotalSeconds;

    public override string ToString() => $"{RequestsPerSecond:F0} req/s, p50 {P50Milliseconds:F2} ms, p99 {P99Milliseconds:F2} ms ({Calls} calls)";
}
