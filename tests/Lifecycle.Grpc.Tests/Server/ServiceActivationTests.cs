using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Server;
using Lifecycle.Grpc.Testing.Wire;
using Lifecycle.Grpc.Tests.Server.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Grpc.Tests.Server;

/// <summary>A service with no dependencies is activated without the call's DI scope, yet behaves as any other.</summary>
public sealed class ServiceActivationTests
{
    private static Task<GrpcTestServer> StartAsync() =>
        GrpcTestServer.StartAsync(options =>
        {
            options.MapEchoService = false;
            options.ConfigureServices = services => services.AddSingleton<CallProbe>().AddScoped<CallScopeMarker>();
            options.ConfigureApp = app => app.MapGrpcService<DependencyFreeEchoService>();
        });

    [Fact]
    public async Task Each_call_gets_its_own_instance_and_DI_scope_and_the_instance_is_disposed_after_it()
    {
        await using var server = await StartAsync();
        using var http = server.CreateHttpClient();
        var client = new RawGrpcClient(http);

        var first = (await client.UnaryAsync(EchoPaths.Echo, new EchoRequest())).Messages(EchoResponse.Parser)[0].Text.Split(' ');
        var second = (await client.UnaryAsync(EchoPaths.Echo, new EchoRequest())).Messages(EchoResponse.Parser)[0].Text.Split(' ');

        Assert.NotEqual(first[0], second[0]);
        Assert.NotEqual(first[1], second[1]);
        Assert.Equal([$"disposed:{first[0]}", $"disposed:{second[0]}"], server.Services.GetRequiredService<CallProbe>().Events);
    }

    [Fact]
    public async Task Handler_that_throws_before_returning_a_task_gets_its_status_and_its_instance_is_still_disposed()
    {
        await using var server = await StartAsync();
        using var http = server.CreateHttpClient();
        var client = new RawGrpcClient(http);

        var refused = await client.UnaryAsync(EchoPaths.Echo, new EchoRequest { Text = DependencyFreeEchoService.ThrowAtOnce });
        var next = await client.UnaryAsync(EchoPaths.Echo, new EchoRequest());

        Assert.Equal(9, refused.GrpcStatus);
        Assert.Equal("refused at once", refused.GrpcMessage);
        Assert.Empty(refused.Frames);
        Assert.Single(next.Messages(EchoResponse.Parser));
        Assert.Equal(2, server.Services.GetRequiredService<CallProbe>().Events.Count(e => e.StartsWith("disposed:", StringComparison.Ordinal)));
    }
}
