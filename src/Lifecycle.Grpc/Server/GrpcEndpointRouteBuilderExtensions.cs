using Lifecycle.Grpc.Server;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps gRPC services onto the app's endpoints, as grpc-dotnet's MapGrpcService does.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>Maps every method of <typeparamref name="TService"/> (a class derived from a generated service base).</summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder builder)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        return GrpcServiceEndpointMapper.Map<TService>(builder);
    }
}
