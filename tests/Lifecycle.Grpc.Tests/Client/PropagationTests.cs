using Grpc.Core;
using Grpc.Net.Client;
using Lifecycle.Grpc.Server;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Tests.Client.Infrastructure;

namespace Lifecycle.Grpc.Tests.Client;

public sealed class PropagationTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    [Fact]
    public async Task Propagated_server_deadline_tightens_the_calls_own_deadline()
    {
        var recorder = new RecordingHandler();
        var client = server.CreateClient(new GrpcChannelOptions { HttpHandler = recorder });
        var parent = new ServerCallPropagationToken(DateTime.UtcNow.AddSeconds(20), CancellationToken.None, ContextPropagationOptions.Default);

        await client.EchoAsync(new EchoRequest(), new CallOptions(deadline: DateTime.UtcNow.AddHours(1), propagationToken: parent));

        Assert.True(Lifecycle.Grpc.Protocol.GrpcTimeout.TryParse(RecordingHandler.Value(Assert.Single(recorder.Requests), "grpc-timeout"), out var sent));
        Assert.InRange(sent, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Cancelling_the_propagating_server_call_cancels_the_outgoing_call()
    {
        using var parentCancellation = new CancellationTokenSource();
        var parent = new ServerCallPropagationToken(DateTime.MaxValue, parentCancellation.Token, ContextPropagationOptions.Default);
        var client = server.CreateClient();
        using var call = client.EchoAsync(new EchoRequest { DelayMs = 60_000 }, new CallOptions(propagationToken: parent));

        parentCancellation.Cancel();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }
}
