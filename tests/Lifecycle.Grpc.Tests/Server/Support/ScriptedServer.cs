using Lifecycle.Grpc.Testing.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Grpc.Tests.Server.Support;

/// <summary>Starts a test server serving <see cref="ScriptedEchoService"/> in place of the plain echo.</summary>
public static class ScriptedServer
{
    public static Task<GrpcTestServer> StartAsync(Action<GrpcTestServerOptions>? configure = null) =>
        GrpcTestServer.StartAsync(options =>
        {
            options.MapEchoService = false;
            configure?.Invoke(options);
            var configureServices = options.ConfigureServices;
            options.ConfigureServices = services =>
            {
                services.AddSingleton<CallProbe>();
                services.AddScoped<CallScopeMarker>();
                configureServices?.Invoke(services);
            };
            var configureApp = options.ConfigureApp;
            options.ConfigureApp = app =>
            {
                app.MapGrpcService<ScriptedEchoService>();
                configureApp?.Invoke(app);
            };
        });
}
