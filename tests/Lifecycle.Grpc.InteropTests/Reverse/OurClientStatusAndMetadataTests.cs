using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Lifecycle.Grpc.InteropTests.Probe;
using Lifecycle.Grpc.Testing.Echo;

namespace Lifecycle.Grpc.InteropTests.Reverse;

/// <summary>Our client against a @grpc/grpc-js server: metadata, failures, deadlines, cancellation and gzip.</summary>
public sealed class OurClientStatusAndMetadataTests(NodeEchoServerFixture fixture) : IClassFixture<NodeEchoServerFixture>, IDisposable
{
    private readonly GrpcJsServerClient client = new(fixture.Server.Address);

    [Fact]
    public async Task Text_and_binary_metadata_come_back_from_grpc_js_as_headers_and_trailers()
    {
        byte[] binary = [0, 255, 1, 254, 10, 13, 0x80];
        var metadata = new Metadata { { "x-echo-text", "from dotnet" }, { "x-echo-blob-bin", binary } };

        using var call = client.Echo.EchoAsync(new EchoRequest { Text = "m" }, metadata, GrpcJsServerClient.Deadline);
        var headers = await call.ResponseHeadersAsync;
        await call;
        var trailers = call.GetTrailers();

        foreach (var received in new[] { headers, trailers })
        {
            Assert.Equal("from dotnet", received.GetValue("x-echo-text"));
            Assert.Equal(binary, received.GetValueBytes("x-echo-blob-bin"));
        }
    }

    [Fact]
    public async Task Failure_from_grpc_js_surfaces_as_rpc_exception_with_its_code_and_message()
    {
        var unary = await Assert.ThrowsAsync<RpcException>(() =>
            client.Echo.EchoAsync(new EchoRequest { Text = "gone", FailWithCode = (int)StatusCode.NotFound }, deadline: GrpcJsServerClient.Deadline).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, unary.StatusCode);
        Assert.Equal("Failed as asked: gone", unary.Status.Detail);

        using var chat = client.Echo.Chat(deadline: GrpcJsServerClient.Deadline);
        await chat.RequestStream.WriteAsync(new EchoRequest { Text = "ok" });
        await chat.RequestStream.WriteAsync(new EchoRequest { Text = "no", FailWithCode = (int)StatusCode.Aborted });
        await chat.RequestStream.CompleteAsync();
        Assert.True(await chat.ResponseStream.MoveNext(CancellationToken.None));
        var streamed = await Assert.ThrowsAsync<RpcException>(() => chat.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Aborted, streamed.StatusCode);
        Assert.Equal("Failed as asked: no", streamed.Status.Detail);
    }

    [Fact]
    public async Task Bad_request_details_from_grpc_js_are_read_from_grpc_status_details_bin()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.Probe.ValidateAsync(new ValidateRequest { DisplayName = "Ada" }, deadline: GrpcJsServerClient.Deadline).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var badRequest = error.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        var violation = Assert.Single(badRequest.FieldViolations);
        Assert.Equal("email", violation.Field);
    }

    [Fact]
    public async Task Deadline_shorter_than_the_grpc_js_handler_ends_the_call_with_deadline_exceeded()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.Echo.EchoAsync(new EchoRequest { Text = "slow", DelayMs = 60_000 }, deadline: DateTime.UtcNow.AddMilliseconds(300)).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Cancelling_our_call_reaches_the_grpc_js_handler()
    {
        var ticket = Guid.NewGuid().ToString();
        using var cancellation = new CancellationTokenSource();
        using var hang = client.Probe.HangAsync(new HangRequest { Ticket = ticket }, deadline: GrpcJsServerClient.Deadline, cancellationToken: cancellation.Token);
        await hang.ResponseHeadersAsync;

        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => hang.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        var observed = await client.Probe.AwaitCancellationAsync(new AwaitCancellationRequest { Ticket = ticket }, deadline: GrpcJsServerClient.Deadline);
        Assert.True(observed.Observed);
    }

    [Fact]
    public async Task Gzip_compressed_requests_are_inflated_by_grpc_js()
    {
        var text = string.Concat(Enumerable.Repeat("loyalty ", 20_000));
        var payload = ByteString.CopyFrom(new byte[100_000]);
        var metadata = new Metadata { { "grpc-internal-encoding-request", "gzip" } };

        var response = await client.Echo.EchoAsync(new EchoRequest { Text = text, Payload = payload }, metadata, GrpcJsServerClient.Deadline);

        Assert.Equal(text, response.Text);
        Assert.Equal(payload, response.Payload);
    }

    public void Dispose() => client.Dispose();
}
