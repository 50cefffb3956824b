using Lifecycle.ServiceDefaults.GrpcServer;
using Lifecycle.ServiceDefaults.Kestrel;
using Microsoft.AspNetCore.Builder;

// In the hosting namespace (as eShop's ServiceDefaults) so every Program.cs finds these without a using.
namespace Microsoft.Extensions.Hosting;

/// <summary>The two calls every Lifecycle service makes: AddServiceDefaults on the builder, MapDefaultEndpoints on the app.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Telemetry, health checks, gRPC server defaults (health and reflection) and h2c-first Kestrel endpoints.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddGrpcServerDefaults();
        builder.AddKestrelDefaults();
        return builder;
    }

    /// <summary>Maps /health (readiness), /alive (liveness), grpc.health.v1 and gRPC reflection, in every environment.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthEndpoints();
        app.MapGrpcDefaultServices();
        return app;
    }
}
