using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Server;
using Lifecycle.Grpc.Testing.Wire;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Grpc.Tests.Server;

public sealed class IdleStreamTests
{
    // Kestrel's smallest allowed grace period, so the test idles for seconds rather than the default five-plus.
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_duplex_stream_idle_longer_than_Kestrels_body_rate_grace_period_keeps_its_connection_alive()
    {
        await using var server = await GrpcTestServer.StartAsync(o => o.ConfigureServices = services =>
            services.Configure<KestrelServerOptions>(k => k.Limits.MinRequestBodyDataRate = new MinDataRate(240, GracePeriod)));
        using var http = server.CreateHttpClient();
        var client = new RawGrpcClient(http);
        await using var chat = client.StartStreaming(EchoPaths.Chat);
        await chat.WriteAsync(new EchoRequest { Text = "before" });
        Assert.Equal("before", (await chat.ReadAsync(EchoResponse.Parser))?.Text);

        // The idle time is the behaviour under test: no data flows on the request body for twice the grace period.
        await Task.Delay(GracePeriod * 2);
        await chat.WriteAsync(new EchoRequest { Text = "after" });
        var afterIdle = await chat.ReadAsync(EchoResponse.Parser);
        var sameConnection = await client.UnaryAsync(EchoPaths.Echo, new EchoRequest { Text = "neighbour" });

        Assert.Equal("after", afterIdle?.Text);
        Assert.Equal(0, sameConnection.GrpcStatus);
        chat.CompleteRequest();
        Assert.Equal(0, (await chat.FinishAsync()).GrpcStatus);
    }
}
