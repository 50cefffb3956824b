using Google.Protobuf;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Server;
using Lifecycle.Grpc.Testing.Wire;

namespace Lifecycle.Grpc.Tests.Server;

public sealed class MessageLimitTests
{
    [Fact]
    public async Task Request_over_the_receive_limit_is_RESOURCE_EXHAUSTED()
    {
        await using var server = await GrpcTestServer.StartAsync(options => options.ConfigureGrpc = grpc => grpc.MaxReceiveMessageSize = 1024);
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync(EchoPaths.Echo, new EchoRequest { Payload = ByteString.CopyFrom(new byte[2048]) });

        Assert.Equal(8, response.GrpcStatus);
    }

    [Fact]
    public async Task Response_over_the_send_limit_is_RESOURCE_EXHAUSTED()
    {
        await using var server = await GrpcTestServer.StartAsync(options => options.ConfigureGrpc = grpc => grpc.MaxSendMessageSize = 1024);
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync(EchoPaths.Echo, new EchoRequest { Payload = ByteString.CopyFrom(new byte[2048]) });

        Assert.Equal(8, response.GrpcStatus);
        Assert.Empty(response.Frames);
    }

    [Fact]
    public async Task Default_limits_accept_a_message_just_under_4_MiB()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync(EchoPaths.Echo, new EchoRequest { Payload = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) - 64]) });

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal((4 * 1024 * 1024) - 64, Assert.Single(response.Messages(EchoResponse.Parser)).Payload.Length);
    }
}
