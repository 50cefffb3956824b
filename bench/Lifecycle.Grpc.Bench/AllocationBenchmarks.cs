using System.Net;
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
    private HttpMessageInvoker? rawInvoker;
    private Uri? bareEchoUri;

    [GlobalSetup]
    public async Task StartAsync()
    {
        servers = await EchoServerPair.StartAsync();
        channel = GrpcChannel.ForAddress(servers.GrpcAddress);
        client = new EchoService.EchoServiceClient(channel);
        rawInvoker = new HttpMessageInvoker(new SocketsHttpHandler());
        bareEchoUri = new Uri(servers.BareAddress, "/lifecycle.testing.v1.EchoService/Echo");
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
        await servers!.StopAsync();
    }
}
