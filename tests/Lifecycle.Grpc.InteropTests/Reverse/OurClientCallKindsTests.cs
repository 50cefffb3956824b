using Google.Protobuf;
using Grpc.Core;
using Lifecycle.Grpc.Testing.Echo;

namespace Lifecycle.Grpc.InteropTests.Reverse;

/// <summary>Our client (GrpcChannel + generated EchoServiceClient) against a @grpc/grpc-js server: the four call kinds.</summary>
public sealed class OurClientCallKindsTests(NodeEchoServerFixture fixture) : IClassFixture<NodeEchoServerFixture>, IDisposable
{
    private readonly GrpcJsServerClient client = new(fixture.Server.Address);

    [Fact]
    public async Task Unary_call_to_grpc_js_returns_the_text_and_every_byte_value()
    {
        var everyByte = ByteString.CopyFrom(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray());

        var response = await client.Echo.EchoAsync(new EchoRequest { Text = "hello grpc-js", Payload = everyByte }, deadline: GrpcJsServerClient.Deadline);

        Assert.Equal("hello grpc-js", response.Text);
        Assert.Equal(everyByte, response.Payload);
    }

    [Fact]
    public async Task Server_streaming_call_to_grpc_js_reads_every_message_in_order()
    {
        using var call = client.Echo.Expand(new ExpandRequest { Text = "n", Count = 5 }, deadline: GrpcJsServerClient.Deadline);

        var texts = await call.ResponseStream.ReadAllAsync().Select(r => r.Text).ToListAsync();

        Assert.Equal(["n-1", "n-2", "n-3", "n-4", "n-5"], texts);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Client_streaming_call_to_grpc_js_joins_every_request()
    {
        using var call = client.Echo.Collect(deadline: GrpcJsServerClient.Deadline);
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "co", Payload = ByteString.CopyFrom(1, 2) });
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "ll" });
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "ect", Payload = ByteString.CopyFrom(3) });
        await call.RequestStream.CompleteAsync();

        var response = await call;

        Assert.Equal("collect", response.Text);
        Assert.Equal(ByteString.CopyFrom(1, 2, 3), response.Payload);
    }

    [Fact]
    public async Task Duplex_call_to_grpc_js_gets_each_answer_before_sending_the_next_request()
    {
        using var call = client.Echo.Chat(deadline: GrpcJsServerClient.Deadline);
        foreach (var text in new[] { "first", "second", "third" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), $"the stream ended before answering {text}");
            Assert.Equal(text, call.ResponseStream.Current.Text);
        }

        await call.RequestStream.CompleteAsync();

        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    public void Dispose() => client.Dispose();
}
