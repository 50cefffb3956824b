using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Wire;
using Lifecycle.Grpc.Tests.Server.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Grpc.Tests.Server;

public sealed class DeadlineAndCancellationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Expired_grpc_timeout_cancels_the_handler_token_and_ends_with_DEADLINE_EXCEEDED()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var http = server.CreateHttpClient();
        var probe = server.Services.GetRequiredService<CallProbe>();

        var response = await new RawGrpcClient(http).UnaryAsync(
            EchoPaths.Echo,
            new EchoRequest { Text = ScriptedEchoService.Hang },
            request => request.Headers.TryAddWithoutValidation("grpc-timeout", "200m"));

        await probe.HandlerTokenCancelled.Task.WaitAsync(Patience);
        Assert.Equal(4, response.GrpcStatus);
        Assert.Empty(response.Frames);
    }

    [Fact]
    public async Task Handler_sees_the_deadline_from_grpc_timeout()
    {
        await using var server = await ScriptedServer.StartAsync(options => options.ConfigureGrpc = grpc => grpc.Interceptors.Add<DeadlineRecordingInterceptor>());
        using var http = server.CreateHttpClient();
        var before = DateTime.UtcNow;

        await new RawGrpcClient(http).UnaryAsync(
            EchoPaths.Echo,
            new EchoRequest { Text = "x" },
            request => request.Headers.TryAddWithoutValidation("grpc-timeout", "5S"));

        var deadline = DateTime.Parse(server.Services.GetRequiredService<CallProbe>().Events.First(e => e.StartsWith("deadline:", StringComparison.Ordinal))[9..], null, System.Globalization.DateTimeStyles.RoundtripKind);
        Assert.InRange(deadline, before.AddSeconds(4), DateTime.UtcNow.AddSeconds(5.5));
    }

    [Fact]
    public async Task Client_reset_cancels_the_handler_token()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var http = server.CreateHttpClient();
        var probe = server.Services.GetRequiredService<CallProbe>();
        await using var call = new RawGrpcClient(http).StartStreaming(EchoPaths.Echo);
        await call.WriteAsync(new EchoRequest { Text = ScriptedEchoService.Hang });
        call.CompleteRequest();
        await probe.HandlerStarted.Task.WaitAsync(Patience);

        call.Cancel();

        await probe.HandlerTokenCancelled.Task.WaitAsync(Patience);
    }
}
