using Google.Protobuf;
using Grpc.Core;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Tests.Client.Infrastructure;

namespace Lifecycle.Grpc.Tests.Client;

public sealed class CallKindsTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    [Fact]
    public async Task Unary_call_returns_the_servers_response()
    {
        var client = server.CreateClient();

        var response = await client.EchoAsync(new EchoRequest { Text = "hello", Payload = ByteString.CopyFrom(1, 2, 3) });

        Assert.Equal("hello", response.Text);
        Assert.Equal(new byte[] { 1, 2, 3 }, response.Payload.ToByteArray());
    }

    [Fact]
    public async Task Unary_call_reports_OK_status_and_trailers_after_completion()
    {
        var client = server.CreateClient();
        using var call = client.EchoAsync(new EchoRequest { Text = "status" });

        await call;

        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.NotNull(call.GetTrailers());
    }

    [Fact]
    public async Task Server_streaming_call_reads_every_message_in_order()
    {
        var client = server.CreateClient();
        using var call = client.Expand(new ExpandRequest { Text = "n", Count = 4 });

        var texts = new List<string>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            texts.Add(response.Text);
        }

        Assert.Equal(["n-1", "n-2", "n-3", "n-4"], texts);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Client_streaming_call_sends_every_message_before_the_single_response()
    {
        var client = server.CreateClient();
        using var call = client.Collect();

        await call.RequestStream.WriteAllAsync([new EchoRequest { Text = "a" }, new EchoRequest { Text = "b" }, new EchoRequest { Text = "c" }]);
        var response = await call;

        Assert.Equal("abc", response.Text);
    }

    [Fact]
    public async Task Client_streaming_call_with_no_messages_gets_an_empty_response()
    {
        var client = server.CreateClient();
        using var call = client.Collect();

        await call.RequestStream.CompleteAsync();

        Assert.Equal("", (await call).Text);
    }

    [Fact]
    public async Task Duplex_call_receives_each_answer_before_the_next_request_is_sent()
    {
        var client = server.CreateClient();
        using var call = client.Chat();

        foreach (var text in new[] { "ping", "pong", "again" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(text, call.ResponseStream.Current.Text);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public void Blocking_unary_call_returns_the_response()
    {
        var client = server.CreateClient();

        var response = client.Echo(new EchoRequest { Text = "blocking" });

        Assert.Equal("blocking", response.Text);
    }

    [Fact]
    public void Blocking_unary_call_throws_the_servers_status()
    {
        var client = server.CreateClient();

        var error = Assert.Throws<RpcException>(() => client.Echo(new EchoRequest { Text = "x", FailWithCode = (int)StatusCode.NotFound }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Many_concurrent_calls_on_one_channel_all_succeed()
    {
        var client = server.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.EchoAsync(new EchoRequest { Text = $"call-{i}" }).ResponseAsync));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"call-{i}"), responses.Select(r => r.Text));
    }
}
