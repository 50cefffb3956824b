using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Server;
using Lifecycle.Grpc.Testing.Wire;

namespace Lifecycle.Grpc.Tests.Server;

public sealed class CallKindsTests : IAsyncLifetime
{
    private GrpcTestServer server = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        server = await GrpcTestServer.StartAsync();
        http = server.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Unary_call_returns_the_echoed_message_and_status_OK_in_trailers()
    {
        var response = await new RawGrpcClient(http).UnaryAsync(EchoPaths.Echo, new EchoRequest { Text = "hello" });

        Assert.Equal("application/grpc", response.ContentType);
        Assert.Equal("hello", Assert.Single(response.Messages(EchoResponse.Parser)).Text);
        Assert.Equal("0", response.Trailer("grpc-status"));
    }

    [Fact]
    public async Task Server_streaming_call_streams_every_response_then_OK()
    {
        var response = await new RawGrpcClient(http).UnaryAsync(EchoPaths.Expand, new ExpandRequest { Text = "x", Count = 3 });

        Assert.Equal(["x-1", "x-2", "x-3"], response.Messages(EchoResponse.Parser).Select(m => m.Text));
        Assert.Equal(0, response.GrpcStatus);
    }

    [Fact]
    public async Task Client_streaming_call_reads_every_request_before_answering()
    {
        await using var call = new RawGrpcClient(http).StartStreaming(EchoPaths.Collect);
        await call.WriteAsync(new EchoRequest { Text = "a" });
        await call.WriteAsync(new EchoRequest { Text = "b" });
        await call.WriteAsync(new EchoRequest { Text = "c" });
        call.CompleteRequest();

        var response = await call.FinishAsync();

        Assert.Equal("abc", Assert.Single(response.Messages(EchoResponse.Parser)).Text);
        Assert.Equal(0, response.GrpcStatus);
    }

    [Fact]
    public async Task Duplex_call_answers_each_request_before_the_next_is_sent()
    {
        await using var call = new RawGrpcClient(http).StartStreaming(EchoPaths.Chat);

        await call.WriteAsync(new EchoRequest { Text = "ping" });
        Assert.Equal("ping", (await call.ReadAsync(EchoResponse.Parser))?.Text);
        await call.WriteAsync(new EchoRequest { Text = "pong" });
        Assert.Equal("pong", (await call.ReadAsync(EchoResponse.Parser))?.Text);
        call.CompleteRequest();

        var rest = await call.FinishAsync();
        Assert.Empty(rest.Frames);
        Assert.Equal(0, rest.GrpcStatus);
    }
}
