using Grpc.Core;
using Grpc.Net.Client;
using Lifecycle.Grpc.Client.Http;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Tests.Client.Infrastructure;

namespace Lifecycle.Grpc.Tests.Client;

public sealed class ChannelTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    [Fact]
    public async Task Channel_can_send_through_a_caller_supplied_HttpClient()
    {
        using var httpClient = server.Server.CreateHttpClient();
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpClient = httpClient });

        var response = await new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest { Text = "via HttpClient" });

        Assert.Equal("via HttpClient", response.Text);
    }

    [Fact]
    public async Task Disposing_the_channel_leaves_a_supplied_HttpClient_usable_unless_asked_to_dispose_it()
    {
        using var httpClient = server.Server.CreateHttpClient();
        GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpClient = httpClient }).Dispose();
        var reused = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpClient = httpClient, DisposeHttpClient = true });

        Assert.Equal("still open", (await new EchoService.EchoServiceClient(reused).EchoAsync(new EchoRequest { Text = "still open" })).Text);
        reused.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => httpClient.GetAsync(server.Address));
    }

    [Fact]
    public void Disposed_channel_refuses_to_create_call_invokers()
    {
        var channel = server.CreateChannel();

        channel.Dispose();

        Assert.Throws<ObjectDisposedException>(() => channel.CreateCallInvoker());
    }

    [Fact]
    public void Secure_credentials_with_an_http_address_are_rejected()
    {
        Assert.Throws<InvalidOperationException>(() => GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { Credentials = ChannelCredentials.SecureSsl }));
    }

    [Fact]
    public void Addresses_other_than_http_and_https_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => GrpcChannel.ForAddress("ftp://127.0.0.1:21"));
    }

    [Fact]
    public void Channel_target_is_the_address_authority()
    {
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:5005");

        Assert.Equal("127.0.0.1:5005", channel.Target);
    }

    [Fact]
    public void Default_handler_keeps_connections_alive_and_opens_more_when_streams_run_out()
    {
        using var handler = ChannelHttpHandler.Create();

        Assert.True(handler.EnableMultipleHttp2Connections);
        Assert.Equal(HttpKeepAlivePingPolicy.WithActiveRequests, handler.KeepAlivePingPolicy);
        Assert.True(handler.KeepAlivePingDelay > TimeSpan.Zero && handler.KeepAlivePingDelay != Timeout.InfiniteTimeSpan);
        Assert.True(handler.KeepAlivePingTimeout > TimeSpan.Zero && handler.KeepAlivePingTimeout != Timeout.InfiniteTimeSpan);
        Assert.NotEqual(Timeout.InfiniteTimeSpan, handler.PooledConnectionLifetime);
        Assert.False(handler.UseProxy);
        Assert.Equal(System.Net.DecompressionMethods.None, handler.AutomaticDecompression);
    }
}
