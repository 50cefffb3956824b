using BenchmarkDotNet.Attributes;
using Grpc.Net.Client;
using Lifecycle.Grpc.Testing.Echo;

namespace Lifecycle.Grpc.Bench;

/// <summary>
/// Bytes allocated per unary call, client and server together (both run in this process).
/// The baseline is plain HttpClient against bare Kestrel: what HTTP/2 itself costs before any gRPC code.
/// </summary>
[MemoryDiagnoser]
public class AllocationBenchmarks
{
    private EchoServerPair? servers;
    private GrpcChannel? channel;
    private EchoService.EchoServiceClient? client;
    private RawEchoClient? toBare;

    [GlobalSetup]
    public async Task StartAsync()
    {
        servers = await EchoServerPair.StartAsync();
        channel = GrpcChannel.ForAddress(servers.GrpcAddress);
        client = new EchoService.EchoServiceClient(channel);
        toBare = new RawEchoClient(servers.BareAddress);
    }

    [Benchmark(Baseline = true)]
    public Task<int> HttpClientToBareKestrel() => toBare!.EchoAsync();

    [Benchmark]
    public async Task<int> OurClientToOurServer() => (await client!.EchoAsync(EchoPayloads.Request)).Text.Length;

    [GlobalCleanup]
    public async Task StopAsync()
    {
        channel?.Dispose();
        toBare?.Dispose();
        await servers!.StopAsync();
    }
}
