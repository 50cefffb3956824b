using Microsoft.AspNetCore.Builder;

namespace Lifecycle.Grpc.Bench;

/// <summary>Our gRPC echo server and the bare Kestrel ceiling, side by side on free ports, for in-process benchmarks.</summary>
internal sealed class EchoServerPair
{
    private readonly WebApplication grpcServer;
    private readonly WebApplication bareServer;

    private EchoServerPair(int grpcPort, int barePort)
    {
        grpcServer = BenchServers.CreateGrpc(grpcPort);
        bareServer = BenchServers.CreateBare(barePort);
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        BareAddress = new Uri($"http://127.0.0.1:{barePort}");
    }

    public Uri GrpcAddress { get; }

    public Uri BareAddress { get; }

    public static async Task<EchoServerPair> StartAsync()
    {
        var pair = new EchoServerPair(FreePort.Next(), FreePort.Next());
        await pair.grpcServer.StartAsync();
        await pair.bareServer.StartAsync();
        return pair;
    }

    public async Task StopAsync()
    {
        await grpcServer.StopAsync();
        await bareServer.StopAsync();
    }
}
