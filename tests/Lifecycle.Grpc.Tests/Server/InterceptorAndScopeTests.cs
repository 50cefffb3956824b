using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Server;
using Lifecycle.Grpc.Testing.Wire;
using Lifecycle.Grpc.Tests.Server.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Grpc.Tests.Server;

public sealed class InterceptorAndScopeTests
{
    private static Task<GrpcTestServer> StartWithInterceptorsAsync() =>
        ScriptedServer.StartAsync(options => options.ConfigureGrpc = grpc =>
        {
            grpc.Interceptors.Add<FirstInterceptor>();
            grpc.Interceptors.Add<SecondInterceptor>();
        });

    [Fact]
    public async Task Interceptors_run_in_registration_order_around_the_handler()
    {
        await using var server = await StartWithInterceptorsAsync();
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync(EchoPaths.Echo, new EchoRequest { Text = "x" });

        Assert.Equal(0, response.GrpcStatus);
        var events = server.Services.GetRequiredService<CallProbe>().Events.Where(e => !e.Contains(":scope:", StringComparison.Ordinal));
        Assert.Equal(["first:before", "second:before", "handler", "second:after", "first:after"], events);
    }

    [Fact]
    public async Task Each_call_gets_one_DI_scope_shared_by_interceptors_and_the_service()
    {
        await using var server = await StartWithInterceptorsAsync();
        using var http = server.CreateHttpClient();
        var client = new RawGrpcClient(http);

        var first = (await client.UnaryAsync(EchoPaths.Echo, new EchoRequest { Text = ScriptedEchoService.Scope })).Messages(EchoResponse.Parser)[0].Text;
        var second = (await client.UnaryAsync(EchoPaths.Echo, new EchoRequest { Text = ScriptedEchoService.Scope })).Messages(EchoResponse.Parser)[0].Text;

        Assert.NotEqual(first, second);
        var scopesSeen = server.Services.GetRequiredService<CallProbe>().Events.Where(e => e.Contains(":scope:", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"first:scope:{first}", $"second:scope:{first}", $"first:scope:{second}", $"second:scope:{second}"], scopesSeen);
    }
}
