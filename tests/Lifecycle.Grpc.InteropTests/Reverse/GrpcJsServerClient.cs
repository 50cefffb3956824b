using Grpc.Net.Client;
using Lifecycle.Grpc.InteropTests.Probe;
using Lifecycle.Grpc.Testing.Echo;

namespace Lifecycle.Grpc.InteropTests.Reverse;

/// <summary>Our generated clients over one GrpcChannel to the grpc-js server; every call gets a deadline from here.</summary>
public sealed class GrpcJsServerClient : IDisposable
{
    private readonly GrpcChannel channel;

    public GrpcJsServerClient(Uri address)
    {
        channel = GrpcChannel.ForAddress(address);
        Echo = new EchoService.EchoServiceClient(channel);
        Probe = new ProbeService.ProbeServiceClient(channel);
    }

    public EchoService.EchoServiceClient Echo { get; }

    public ProbeService.ProbeServiceClient Probe { get; }

    /// <summary>A generous guard so a broken call fails the test instead of hanging it.</summary>
    public static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);

    public void Dispose() => channel.Dispose();
}
