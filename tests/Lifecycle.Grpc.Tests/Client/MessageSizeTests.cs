using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Tests.Client.Infrastructure;

namespace Lifecycle.Grpc.Tests.Client;

public sealed class MessageSizeTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    private static ByteString Bytes(int count) => ByteString.CopyFrom(new byte[count]);

    [Fact]
    public async Task Response_over_the_receive_limit_fails_with_resource_exhausted()
    {
        var client = server.CreateClient(new GrpcChannelOptions { MaxReceiveMessageSize = 1024 });

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EchoAsync(new EchoRequest { Payload = Bytes(2048) }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Default_receive_limit_is_4_MiB()
    {
        // A server without limits, so that only the client's default can reject the 4 MiB + 1 echo.
        await using var unlimited = await EchoServerFixture.StartServerAsync(options => options.ConfigureGrpc += grpc =>
        {
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
        });
        var client = new EchoService.EchoServiceClient(GrpcChannel.ForAddress(unlimited.Address));

        var justUnder = await client.EchoAsync(new EchoRequest { Payload = Bytes((4 * 1024 * 1024) - 16) });
        var error = await Assert.ThrowsAsync<RpcException>(() => client.EchoAsync(new EchoRequest { Payload = Bytes((4 * 1024 * 1024) + 1) }).ResponseAsync);

        Assert.Equal((4 * 1024 * 1024) - 16, justUnder.Payload.Length);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Request_over_the_send_limit_fails_with_resource_exhausted()
    {
        var client = server.CreateClient(new GrpcChannelOptions { MaxSendMessageSize = 1024 });

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EchoAsync(new EchoRequest { Payload = Bytes(2048) }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Sending message exceeds", error.Status.Detail);
    }

    [Fact]
    public async Task Streamed_request_over_the_send_limit_fails_the_write_and_the_call()
    {
        var client = server.CreateClient(new GrpcChannelOptions { MaxSendMessageSize = 1024 });
        using var call = client.Chat();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest { Payload = Bytes(2048) }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Request_over_the_servers_limit_fails_with_resource_exhausted()
    {
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EchoAsync(new EchoRequest { Payload = Bytes((4 * 1024 * 1024) + 1) }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }
}
