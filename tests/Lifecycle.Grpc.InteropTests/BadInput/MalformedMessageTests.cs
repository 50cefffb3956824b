using Lifecycle.Grpc.InteropTests.Hosting;
using Lifecycle.Grpc.Testing.Wire;

namespace Lifecycle.Grpc.InteropTests.BadInput;

/// <summary>Broken framing and broken protobuf, hand-made over HTTP/2: INTERNAL (13) per the gRPC spec, and the server carries on.</summary>
public sealed class MalformedMessageTests(InteropServerFixture fixture) : IClassFixture<InteropServerFixture>, IDisposable
{
    private const int Internal = 13;
    private readonly HttpClient httpClient = fixture.Server.CreateHttpClient();

    [Theory]
    [InlineData(MalformedBodies.HeaderCutShort)]
    [InlineData(MalformedBodies.MessageCutShort)]
    [InlineData(MalformedBodies.LengthBeyondBody)]
    [InlineData(MalformedBodies.UnknownCompressionFlag)]
    [InlineData(MalformedBodies.CompressedWithoutEncoding)]
    [InlineData(MalformedBodies.InvalidProtobuf)]
    public async Task Malformed_unary_request_is_answered_with_internal_and_the_server_keeps_serving(string body)
    {
        var response = await new RawGrpcClient(httpClient).SendAsync(EchoPaths.Echo, MalformedBodies.For(body));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal(Internal, response.GrpcStatus);
        Assert.Empty(response.Frames);
        await ServerHealth.AssertStillEchoesAsync(httpClient);
    }

    [Theory]
    [InlineData(MalformedBodies.MessageCutShort)]
    [InlineData(MalformedBodies.UnknownCompressionFlag)]
    [InlineData(MalformedBodies.InvalidProtobuf)]
    public async Task Malformed_message_after_a_good_one_in_a_client_stream_is_answered_with_internal(string body)
    {
        byte[] stream = [.. MalformedBodies.Valid("fine"), .. MalformedBodies.For(body)];

        var response = await new RawGrpcClient(httpClient).SendAsync(EchoPaths.Collect, stream);

        Assert.Equal(Internal, response.GrpcStatus);
        Assert.Empty(response.Frames);
        await ServerHealth.AssertStillEchoesAsync(httpClient);
    }

    public void Dispose() => httpClient.Dispose();
}
