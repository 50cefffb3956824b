using Grpc.Core;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Tests.Client.Infrastructure;

namespace Lifecycle.Grpc.Tests.Client;

public sealed class CancellationTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    [Fact]
    public async Task Cancelling_a_unary_call_fails_it_with_cancelled_and_aborts_the_server_handler()
    {
        var client = server.CreateClient();
        var probeId = CallProbe.NewId();
        using var cancellation = new CancellationTokenSource();
        using var call = client.EchoAsync(new EchoRequest { DelayMs = 60_000 }, new Metadata { { CallProbe.Header, probeId } }, cancellationToken: cancellation.Token);
        await server.Probe.StartedAsync(probeId).WaitAsync(TimeSpan.FromSeconds(30));

        cancellation.Cancel();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await server.Probe.AbortedAsync(probeId).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Cancelling_a_server_stream_between_reads_aborts_the_server_handler()
    {
        var client = server.CreateClient();
        var probeId = CallProbe.NewId();
        using var cancellation = new CancellationTokenSource();
        using var call = client.Expand(new ExpandRequest { Text = "s", Count = 1000, DelayMs = 20 }, new Metadata { { CallProbe.Header, probeId } }, cancellationToken: cancellation.Token);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        cancellation.Cancel();

        await server.Probe.AbortedAsync(probeId).WaitAsync(TimeSpan.FromSeconds(30));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task Token_passed_to_MoveNext_cancels_the_call()
    {
        var client = server.CreateClient();
        using var call = client.Expand(new ExpandRequest { Text = "s", Count = 2, DelayMs = 60_000 });
        using var cancellation = new CancellationTokenSource();

        var read = call.ResponseStream.MoveNext(cancellation.Token);
        cancellation.Cancel();

        var error = await Assert.ThrowsAsync<RpcException>(() => read);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Disposing_a_duplex_call_aborts_the_server_handler()
    {
        var client = server.CreateClient();
        var probeId = CallProbe.NewId();
        var call = client.Chat(new Metadata { { CallProbe.Header, probeId } });
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "first" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        call.Dispose();

        await server.Probe.AbortedAsync(probeId).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
        await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest { Text = "late" }));
    }

    [Fact]
    public async Task Already_cancelled_token_fails_the_call_with_cancelled()
    {
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EchoAsync(new EchoRequest(), cancellationToken: new CancellationToken(canceled: true)).ResponseAsync);

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }
}
