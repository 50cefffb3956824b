using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Server;
using Lifecycle.Grpc.Testing.Wire;
using Lifecycle.Grpc.Tests.Server.Support;

namespace Lifecycle.Grpc.Tests.Server;

public sealed class ErrorMappingTests
{
    [Fact]
    public async Task RpcException_becomes_its_status_and_message_in_a_trailers_only_response()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync(EchoPaths.Echo, new EchoRequest { Text = "nope", FailWithCode = 5 });

        Assert.True(response.IsTrailersOnly);
        Assert.Equal("application/grpc", response.ContentType);
        Assert.Equal(5, response.GrpcStatus);
        Assert.Equal("Failed as asked: nope", response.GrpcMessage);
    }

    [Fact]
    public async Task Failure_after_a_streamed_message_sends_the_status_in_trailers()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync(EchoPaths.Expand, new ExpandRequest { Text = "one" });

        Assert.False(response.IsTrailersOnly);
        Assert.Single(response.Frames);
        Assert.Equal("10", response.Trailer("grpc-status"));
        Assert.Equal("stopped after one", response.GrpcMessage);
    }

    [Fact]
    public async Task Other_exceptions_become_INTERNAL_without_their_details()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync(EchoPaths.Echo, new EchoRequest { Text = ScriptedEchoService.Throw });

        Assert.Equal(13, response.GrpcStatus);
        Assert.DoesNotContain("hunter2", response.GrpcMessage);
        Assert.DoesNotContain(nameof(InvalidOperationException), response.GrpcMessage);
    }

    [Fact]
    public async Task Detailed_errors_reveal_the_exception_type_and_message()
    {
        await using var server = await ScriptedServer.StartAsync(options => options.ConfigureGrpc = grpc => grpc.EnableDetailedErrors = true);
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync(EchoPaths.Echo, new EchoRequest { Text = ScriptedEchoService.Throw });

        Assert.Equal(13, response.GrpcStatus);
        Assert.Contains($"{nameof(InvalidOperationException)}: {ScriptedEchoService.SecretDetail}", response.GrpcMessage);
    }

    [Fact]
    public async Task Undecodable_message_fails_with_INTERNAL()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).SendAsync(EchoPaths.Echo, GrpcFrame.Encode([0xFF, 0xFF, 0xFF, 0xFF]));

        Assert.Equal(13, response.GrpcStatus);
        Assert.Empty(response.Frames);
    }

    [Fact]
    public async Task Body_ending_inside_a_message_fails_with_INTERNAL()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = server.CreateHttpClient();
        var frame = GrpcFrame.Encode(new EchoRequest { Text = "truncated" });

        var response = await new RawGrpcClient(http).SendAsync(EchoPaths.Echo, frame[..^3]);

        Assert.Equal(13, response.GrpcStatus);
    }
}
