using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Server;
using Lifecycle.Grpc.Testing.Wire;

namespace Lifecycle.Grpc.Tests.Server;

public sealed class MetadataTests
{
    [Fact]
    public async Task Request_metadata_reaches_the_handler_and_returns_as_response_headers_and_trailers_including_binary()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = server.CreateHttpClient();
        byte[] binary = [0, 1, 2, 250, 255];

        var response = await new RawGrpcClient(http).UnaryAsync(EchoPaths.Echo, new EchoRequest { Text = "m" }, request =>
        {
            request.Headers.TryAddWithoutValidation("x-echo-plain", "value 1");
            request.Headers.TryAddWithoutValidation("x-echo-data-bin", Convert.ToBase64String(binary));
            request.Headers.TryAddWithoutValidation("x-not-echoed", "no");
        });

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal("value 1", response.Header("x-echo-plain"));
        Assert.Equal("value 1", response.Trailer("x-echo-plain"));
        Assert.Equal(binary, DecodeUnpadded(response.Header("x-echo-data-bin")));
        Assert.Equal(binary, DecodeUnpadded(response.Trailer("x-echo-data-bin")));
        Assert.Null(response.Header("x-not-echoed"));
    }

    private static byte[] DecodeUnpadded(string? base64)
    {
        Assert.NotNull(base64);
        return Convert.FromBase64String(base64.PadRight((base64.Length + 3) / 4 * 4, '='));
    }
}
