using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;

namespace Lifecycle.Grpc.Bench;

/// <summary>
/// Bytes allocated per unary call by the server alone: the same plain HttpClient calls bare Kestrel (baseline) and
/// our server, so everything above the baseline is what Lifecycle.Grpc's server adds per call. This is the cost
/// h2load sees, since h2load drives only the server.
/// </summary>
[MemoryDiagnoser]
public class ServerAllocationBenchmarks
{
    private WebApplication? grpcServer;
    private WebApplication? bareServer;
    private RawEchoClient? toGrpc;
    private RawEchoClient? toBare;

    [GlobalSetup]
    public async Task StartAsync()
    {
        var grpcPort = FreePort.Next();
        var barePort = FreePort.Next();
        grpcServer = BenchServers.CreateGrpc(grpcPort);
        bareServer = BenchServers.CreateBare(barePort);
        await grpcServer.StartAsync();
        await bareServer.StartAsync();
        toGrpc = new RawEchoClient(new Uri($"http://127.0.0.1:{grpcPort}"));
        toBare = new RawEchoClient(new Uri($"http://127.0.0.1:{barePort}"));
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
        await grpcServer!.StopAsync();
        await bareServer!.StopAsync();
    }
}
