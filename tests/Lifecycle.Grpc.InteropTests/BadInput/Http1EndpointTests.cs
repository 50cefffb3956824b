using System.Net;
using Lifecycle.Grpc.InteropTests.Hosting;
using Lifecycle.Grpc.Testing.Server;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Grpc.InteropTests.BadInput;

/// <summary>
/// A second, HTTP/1.1-only endpoint on the test server, so an HTTP/1.1 request reaches the gRPC runtime itself
/// (the HTTP/2-only endpoint never lets it through Kestrel): gRPC needs HTTP/2, and the runtime refuses with
/// 426 Upgrade Required rather than attempt the call. The HTTP/2 endpoint then shows the server still serving.
/// </summary>
public sealed class Http1EndpointTests : IAsyncLifetime
{
    private GrpcTestServer? server;

    private GrpcTestServer Server => server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() =>
        server = await InteropServer.StartAsync(options => options.ConfigureServices = services =>
            services.Configure<KestrelServerOptions>(kestrel =>
                kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1)));

    [Fact]
    public async Task Http1_grpc_request_is_refused_with_426_and_http2_calls_still_work()
    {
        using var http1 = new HttpClient
        {
            BaseAddress = Http1Address(),
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var content = new ByteArrayContent(MalformedBodies.Valid("over http/1.1"));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");
        using var request = new HttpRequestMessage(HttpMethod.Post, EchoPaths.Echo) { Content = content };
        request.Headers.TryAddWithoutValidation("te", "trailers");

        using var response = await http1.SendAsync(request);

        Assert.Equal(HttpVersion.Version11, response.Version);
        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        using var http2 = Server.CreateHttpClient();
        await ServerHealth.AssertStillEchoesAsync(http2);
    }

    private Uri Http1Address() =>
        Server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Select(address => new Uri(address))
            .Single(address => address != Server.Address);

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
