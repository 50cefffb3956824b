using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Tests.Client.Infrastructure;

namespace Lifecycle.Grpc.Tests.Client;

public sealed class DeadlineTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    [Fact]
    public async Task Call_to_a_sleeping_handler_fails_with_deadline_exceeded()
    {
        var client = server.CreateClient();

        using var call = client.EchoAsync(new EchoRequest { Text = "slow", DelayMs = 60_000 }, deadline: DateTime.UtcNow.AddMilliseconds(300));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(StatusCode.DeadlineExceeded, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Deadline_is_sent_as_grpc_timeout()
    {
        var recorder = new RecordingHandler();
        var client = server.CreateClient(new GrpcChannelOptions { HttpHandler = recorder });

        await client.EchoAsync(new EchoRequest { Text = "t" }, deadline: DateTime.UtcNow.AddMinutes(1));

        var timeout = RecordingHandler.Value(Assert.Single(recorder.Requests), "grpc-timeout");
        Assert.NotNull(timeout);
        Assert.True(Lifecycle.Grpc.Protocol.GrpcTimeout.TryParse(timeout, out var parsed));
        Assert.InRange(parsed, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Call_without_deadline_sends_no_grpc_timeout()
    {
        var recorder = new RecordingHandler();
        var client = server.CreateClient(new GrpcChannelOptions { HttpHandler = recorder });

        await client.EchoAsync(new EchoRequest { Text = "t" });

        Assert.Null(RecordingHandler.Value(Assert.Single(recorder.Requests), "grpc-timeout"));
    }

    [Fact]
    public async Task Deadline_is_enforced_locally_when_the_server_never_sends_headers()
    {
        var channel = server.CreateChannel();
        var probeId = CallProbe.NewId();
        var options = new CallOptions(new Metadata { { CallProbe.Header, probeId } }, DateTime.UtcNow.AddSeconds(1));

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(RawMethods.Unary("Hang"), null, options, new EchoRequest());

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);

        // The raw endpoint ignores grpc-timeout: only the client's RST_STREAM can abort it. (On a machine so loaded that
        // the request never reached the endpoint within the deadline, there is nothing to abort.)
        if (server.Probe.StartedAsync(probeId).IsCompleted)
        {
            await server.Probe.AbortedAsync(probeId).WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task Deadline_is_enforced_locally_when_the_peer_accepts_but_never_speaks_http2()
    {
        using var blackHole = new TcpListener(IPAddress.Loopback, 0);
        blackHole.Start();
        var accepted = blackHole.AcceptSocketAsync();
        var client = new EchoService.EchoServiceClient(GrpcChannel.ForAddress($"http://127.0.0.1:{((IPEndPoint)blackHole.LocalEndpoint).Port}"));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EchoAsync(new EchoRequest(), deadline: DateTime.UtcNow.AddMilliseconds(300)).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        (await accepted).Dispose();
    }

    [Fact]
    public async Task Deadline_in_the_past_fails_without_sending_the_call()
    {
        var recorder = new RecordingHandler();
        var client = server.CreateClient(new GrpcChannelOptions { HttpHandler = recorder });

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EchoAsync(new EchoRequest(), deadline: DateTime.UtcNow.AddSeconds(-1)).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Empty(recorder.Requests);
    }

    [Fact]
    public async Task Server_streaming_call_fails_with_deadline_exceeded_mid_stream()
    {
        var client = server.CreateClient();
        using var call = client.Expand(new ExpandRequest { Text = "s", Count = 1000, DelayMs = 100 }, deadline: DateTime.UtcNow.AddMilliseconds(500));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
            }
        });

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }
}
