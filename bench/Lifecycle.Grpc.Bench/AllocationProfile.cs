using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using Grpc.Net.Client;
using Lifecycle.Grpc.Testing.Echo;

namespace Lifecycle.Grpc.Bench;

/// <summary>
/// Where a unary call's bytes and CPU go: runs sequential calls in this process (client and server), reports
/// allocated bytes and CPU time per call, then repeats with the runtime's allocation sampling on (one event per
/// ~100 KB allocated) and lists the types that were allocated most. Run it for "bare" and "ours" and compare.
/// Unlike BenchmarkDotNet it gives answers in seconds and names the types, which is what finding waste needs.
/// </summary>
internal static class AllocationProfile
{
    public static async Task RunAsync(string target, int calls)
    {
        if (target is not ("bare" or "ours" or "client"))
        {
            throw new ArgumentException($"Unknown profile target '{target}': bare, ours or client.", nameof(target));
        }

        var grpc = target is "ours" or "client";
        var port = FreePort.Next();
        var app = grpc ? BenchServers.CreateGrpc(port) : BenchServers.CreateBare(port);
        await app.StartAsync();
        try
        {
            var address = new Uri($"http://127.0.0.1:{port}");
            using var raw = new RawEchoClient(address);
            using var channel = GrpcChannel.ForAddress(address);
            var client = new EchoService.EchoServiceClient(channel);
            Func<Task> call = target == "client"
                ? async () => _ = (await client.EchoAsync(EchoPayloads.Request)).Text
                : () => raw.EchoAsync();

            await RepeatAsync(call, Math.Min(calls, 5_000));
            var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            await RepeatAsync(call, calls);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
            Console.WriteLine($"{target}: {bytes / (double)calls:F0} bytes/call, {cpu.TotalMicroseconds / calls:F1} us CPU/call (client + server, {calls} sequential calls)");

            using var sampler = new AllocationSampler();
            await RepeatAsync(call, calls);
            Console.WriteLine("sampled allocations (type: ~bytes/call)");
            foreach (var (type, sampled) in sampler.Top(30))
            {
                Console.WriteLine($"  {type}: {sampled / (double)calls:F0}");
            }
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task RepeatAsync(Func<Task> call, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await call();
        }
    }

    /// <summary>Totals the runtime's GCAllocationTick events by type.</summary>
    private sealed class AllocationSampler : EventListener
    {
        private const EventKeywords GcKeyword = (EventKeywords)0x1;

        private readonly ConcurrentDictionary<string, long> bytesByType = new();

        public IEnumerable<(string Type, long Bytes)> Top(int count) =>
            bytesByType.OrderByDescending(pair => pair.Value).Take(count).Select(pair => (pair.Key, pair.Value));

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is null)
            {
                return;
            }

            var type = eventData.Payload![eventData.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(eventData.Payload[eventData.PayloadNames.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
            bytesByType.AddOrUpdate(type, amount, (_, total) => total + amount);
        }
    }
}
