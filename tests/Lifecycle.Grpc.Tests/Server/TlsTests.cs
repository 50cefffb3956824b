using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Server;
using Lifecycle.Grpc.Testing.Wire;

namespace Lifecycle.Grpc.Tests.Server;

public sealed class TlsTests
{
    [Fact]
    public async Task Calls_over_TLS_negotiate_h2_and_succeed()
    {
        await using var server = await GrpcTestServer.StartAsync(options => options.UseTls = true);
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync(EchoPaths.Echo, new EchoRequest { Text = "secure" });

        Assert.Equal("https", server.Address.Scheme);
        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal("secure", Assert.Single(response.Messages(EchoResponse.Parser)).Text);
    }
}
