using Grpc.Core;
using Grpc.Net.Client;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Server;

namespace Lifecycle.Grpc.Tests.Client;

public sealed class TlsTests : IAsyncLifetime
{
    private GrpcTestServer? tlsServer;

    private GrpcTestServer TlsServer => tlsServer!;

    public async Task InitializeAsync() => tlsServer = await GrpcTestServer.StartAsync(options => options.UseTls = true);

    public async Task DisposeAsync() => await TlsServer.DisposeAsync();

    [Fact]
    public async Task Https_address_calls_over_TLS_with_ALPN_h2()
    {
        var client = new EchoService.EchoServiceClient(GrpcChannel.ForAddress(TlsServer.Address, new GrpcChannelOptions { HttpHandler = TrustingHandler() }));

        var response = await client.EchoAsync(new EchoRequest { Text = "secure" });

        Assert.Equal("secure", response.Text);
    }

    [Fact]
    public async Task Channel_call_credentials_are_sent_on_every_call_over_TLS()
    {
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("x-echo-authorization", "Bearer t0ken");
            return Task.CompletedTask;
        });
        var channel = GrpcChannel.ForAddress(TlsServer.Address, new GrpcChannelOptions
        {
            HttpHandler = TrustingHandler(),
            Credentials = ChannelCredentials.Create(ChannelCredentials.SecureSsl, credentials),
        });
        var client = new EchoService.EchoServiceClient(channel);

        using var call = client.EchoAsync(new EchoRequest());
        await call;

        Assert.Equal("Bearer t0ken", (await call.ResponseHeadersAsync).GetValue("x-echo-authorization"));
    }

    [Fact]
    public void Insecure_credentials_with_an_https_address_are_rejected()
    {
        Assert.Throws<InvalidOperationException>(() => GrpcChannel.ForAddress(TlsServer.Address, new GrpcChannelOptions { Credentials = ChannelCredentials.Insecure }));
    }

    private SocketsHttpHandler TrustingHandler()
    {
        var expected = TlsServer.Certificate!.GetCertHashString();
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == expected;
        return handler;
    }
}
