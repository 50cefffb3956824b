using Lifecycle.Grpc.InteropTests.Probe;
using Lifecycle.Grpc.Testing.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Grpc.InteropTests.Hosting;

/// <summary>Starts the shared test server (echo, health, reflection) with this suite's probe service added.</summary>
public static class InteropServer
{
    public static Task<GrpcTestServer> StartAsync(Action<GrpcTestServerOptions>? configure = null) =>
        GrpcTestServer.StartAsync(options =>
        {
            configure?.Invoke(options);

            // Chained rather than assigned, so a test's own hooks still run.
            var configureServices = options.ConfigureServices;
            options.ConfigureServices = services =>
            {
                services.AddSingleton<CancellationLog>();
                configureServices?.Invoke(services);
            };
            var configureApp = options.ConfigureApp;
            options.ConfigureApp = app =>
            {
                app.MapGrpcService<ProbeServiceImpl>();
                configureApp?.Invoke(app);
            };
        });
}
