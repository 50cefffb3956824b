using BenchmarkDotNet.Attributes;

namespace Lifecycle.Grpc.Bench;

/// <summary>
/// Bytes allocated per unary call by the server alone: the same plain HttpClient calls bare Kestrel (baseline) and
/// our server, so everything above the baseline is what Lifecycle.Grpc's server adds per call. This is the cost
/// h2load sees, since h2load drives only the server.
/// </summary>
[MemoryDiagnoser]
public class ServerAllocationBenchmarks
{
    private EchoServerPair? servers;
    private RawEchoClient? toGrpc;
    private RawEchoClient? toBare;

    [GlobalSetup]
    public async Task StartAsync()
    {
        servers = await EchoServerPair.StartAsync();
        toGrpc = new RawEchoClient(servers.GrpcAddress);
        toBare = new RawEchoClient(servers.BareAddress);
    }

    [Benchmark(Baseline = true)]
    public Task<int> HttpClientToBareKestrel() => toBare!.EchoAsync();

    [Benchmark]
    public Task<int> HttpClientToOurServer() => toGrpc!.EchoAsync();

    [GlobalCleanup]
    public async Task StopAsync()
    {
        toGrpc?.Dispose();
        toBare?.Dispose();
        await servers!.StopAsync();
    }
}
