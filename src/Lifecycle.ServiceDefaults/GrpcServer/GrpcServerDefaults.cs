using Lifecycle.ServiceDefaults.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lifecycle.ServiceDefaults.GrpcServer;

/// <summary>
/// The gRPC server every service runs, with grpc.health.v1 answering from the same ASP.NET Core health checks as
/// /health ("" = every check) and /alive ("liveness" = the "live" checks), plus server reflection for grpcurl.
/// </summary>
internal static class GrpcServerDefaults
{
    /// <summary>The grpc.health.v1 service name that reports liveness, mirroring /alive.</summary>
    public const string LivenessServiceName = "liveness";

    public static void AddGrpcServerDefaults(this IHostApplicationBuilder builder)
    {
        var detailedErrors = builder.Environment.IsDevelopment();
        builder.Services.AddGrpc(options =>
        {
            // Exception messages can carry connection strings or personal data; only developers get to see them.
            options.EnableDetailedErrors = detailedErrors;
        });
        builder.Services.AddGrpcHealthChecks(options =>
            options.Services.Map(LivenessServiceName, registration => registration.Tags.Contains(HealthTags.Live)));
        builder.Services.AddGrpcReflection();
    }

    public static void MapGrpcDefaultServices(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcHealthChecksService();
        // Reflection only describes the contracts (already public in protos/); it exposes no data, so it stays on everywhere.
        endpoints.MapGrpcReflectionService();
    }
}
