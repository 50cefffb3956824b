using Lifecycle.Grpc.HealthChecks;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps grpc.health.v1.Health.</summary>
public static class GrpcHealthChecksEndpointRouteBuilderExtensions
{
    public static GrpcServiceEndpointConventionBuilder MapGrpcHealthChecksService(this IEndpointRouteBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.MapGrpcService<HealthServiceImpl>();
    }
}
