using System.Net;
using BenchmarkDotNet.Attributes;
using Grpc.Net.Client;
using Lifecycle.Grpc.Testing.Echo;
using Microsoft.AspNetCore.Builder;

namespace Lifecycle.Grpc.Bench;

/// <summary>
/// Bytes allocated per unary call, client and server together (both run in this process).
/// The baseline is plain HttpClient against bare Kestrel: what HTTP/2 itself costs before any gRPC code.
/// </summary>
[MemoryDiagnoser]
public class AllocationBenchmarks
{
    private WebApplication? grpcServer;
    private WebApplication? bareServer;
    private GrpcChannel? channel;
    private EchoService.EchoServiceClient? client;
    private HttpMessageInvoker? rawInvoker;
    private Uri? bareEchoUri;

    [GlobalSetup]
    public async Task StartAsync()
    {
        var grpcPort = FreePort.Next();
        var barePort = FreePort.Next();
        grpcServer = BenchServers.CreateGrpc(grpcPort);
        bareServer = BenchServers.CreateBare(barePort);
        await grpcServer.StartAsync();
        await bareServer.StartAsync();
        channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        client = new EchoService.EchoServiceClient(channel);
        rawInvoker = new HttpMessageInvoker(new SocketsHttpHandler());
        bareEchoUri = new Uri($"http://127.0.0.1:{barePort}/lifecycle.testing.v1.EchoService/Echo");
    }

    [Benchmark(Baseline = true)]
    public async Task<int> HttpClientToBareKestrel()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, bareEchoUri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(EchoPayloads.FramedEchoRequest),
        };
        request.Content.Headers.TryAddWithoutValidation("content-type", "application/grpc");
        using var response = await rawInvoker!.SendAsync(request, CancellationToken.None);
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    [Benchmark]
    public async Task<int> OurClientToOurServer() => (await client!.EchoAsync(EchoPayloads.Request)).Text.Length;

    [GlobalCleanup]
    public async Task StopAsync()
    {
        channel?.Dispose();
        rawInvoker?.Dispose();
        await grpcServer!.StopAsync();
        await bareServer!.StopAsync();
    }
}
