using Google.Protobuf;
using Lifecycle.Grpc.InteropTests.Hosting;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Wire;

namespace Lifecycle.Grpc.InteropTests.BadInput;

/// <summary>A 10 MiB request against the default 4 MiB receive limit: RESOURCE_EXHAUSTED (8), and the server carries on.</summary>
public sealed class MessageSizeLimitTests(InteropServerFixture fixture) : IClassFixture<InteropServerFixture>, IDisposable
{
    private const int ResourceExhausted = 8;
    private readonly HttpClient httpClient = fixture.Server.CreateHttpClient();

    [Fact]
    public async Task Ten_mebibyte_message_is_refused_with_resource_exhausted_and_the_server_keeps_serving()
    {
        var huge = new EchoRequest { Text = "huge", Payload = ByteString.CopyFrom(new byte[10 * 1024 * 1024]) };

        var response = await new RawGrpcClient(httpClient).UnaryAsync(EchoPaths.Echo, huge);

        Assert.Equal(ResourceExhausted, response.GrpcStatus);
        Assert.Empty(response.Frames);
        await ServerHealth.AssertStillEchoesAsync(httpClient);
    }

    [Fact]
    public async Task Message_just_under_the_limit_is_echoed()
    {
        // Guards the test above: the refusal is about the size, not about large bodies in general.
        var large = new EchoRequest { Text = "large", Payload = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) - 64]) };

        var response = await new RawGrpcClient(httpClient).UnaryAsync(EchoPaths.Echo, large);

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal(large.Payload.Length, Assert.Single(response.Messages(EchoResponse.Parser)).Payload.Length);
    }

    public void Dispose() => httpClient.Dispose();
}
