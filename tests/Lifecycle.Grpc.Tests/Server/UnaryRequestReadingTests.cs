using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Server;
using Lifecycle.Grpc.Testing.Wire;
using Lifecycle.Grpc.Tests.Server.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Grpc.Tests.Server;

/// <summary>
/// The single request of a unary call is usually read with one read (the body arrives whole with END_STREAM); these
/// pin down the other shapes a body can take, which must still be read, or refused, as the spec says.
/// </summary>
public sealed class UnaryRequestReadingTests
{
    [Fact]
    public async Task Request_whose_message_arrives_in_pieces_is_served()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = server.CreateHttpClient();
        var framed = GrpcFrame.Encode(new EchoRequest { Text = "arrives in pieces" });
        await using var call = new RawGrpcClient(http).StartStreaming(EchoPaths.Echo);

        await call.WriteRawAsync(framed[..3]);
        await call.WriteRawAsync(framed[3..9]);
        await call.WriteRawAsync(framed[9..]);
        call.CompleteRequest();
        var response = await call.FinishAsync();

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal("arrives in pieces", Assert.Single(response.Messages(EchoResponse.Parser)).Text);
    }

    [Fact]
    public async Task Request_whose_end_of_stream_comes_after_the_message_is_served()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = server.CreateHttpClient();
        await using var call = new RawGrpcClient(http).StartStreaming(EchoPaths.Echo);

        await call.WriteAsync(new EchoRequest { Text = "end later" });
        await Task.Delay(50);
        call.CompleteRequest();
        var response = await call.FinishAsync();

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal("end later", Assert.Single(response.Messages(EchoResponse.Parser)).Text);
    }

    [Fact]
    public async Task Reset_while_the_request_is_still_arriving_ends_that_call_only()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var http = server.CreateHttpClient();
        var framed = GrpcFrame.Encode(new EchoRequest { Text = "never finished" });
        var call = new RawGrpcClient(http).StartStreaming(EchoPaths.Echo);
        await call.WriteRawAsync(framed[..4]);
        await Task.Delay(50);

        call.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.ResponseAsync);
        var next = await new RawGrpcClient(http).UnaryAsync(EchoPaths.Echo, new EchoRequest { Text = "next" });

        Assert.Equal("next", Assert.Single(next.Messages(EchoResponse.Parser)).Text);
        Assert.Equal(["handler"], server.Services.GetRequiredService<CallProbe>().Events);
    }

    [Fact]
    public async Task Request_with_a_second_message_is_INTERNAL()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = server.CreateHttpClient();
        byte[] body = [.. GrpcFrame.Encode(new EchoRequest { Text = "one" }), .. GrpcFrame.Encode(new EchoRequest { Text = "two" })];

        var response = await new RawGrpcClient(http).SendAsync(EchoPaths.Echo, body);

        Assert.Equal(13, response.GrpcStatus);
        Assert.Equal("Additional data after the message received.", response.GrpcMessage);
        Assert.Empty(response.Frames);
    }

    [Fact]
    public async Task Request_with_trailing_bytes_after_its_message_is_INTERNAL()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = server.CreateHttpClient();
        byte[] body = [.. GrpcFrame.Encode(new EchoRequest { Text = "one" }), 0, 0];

        var response = await new RawGrpcClient(http).SendAsync(EchoPaths.Echo, body);

        Assert.Equal(13, response.GrpcStatus);
        Assert.Empty(response.Frames);
    }

    [Fact]
    public async Task Request_without_a_message_is_INTERNAL()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).SendAsync(EchoPaths.Echo, []);

        Assert.Equal(13, response.GrpcStatus);
        Assert.Equal("Request did not contain a message.", response.GrpcMessage);
    }
}
