using Lifecycle.Grpc.Reflection;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps server reflection so grpcurl, buf curl and Postman discover the mapped services without proto files.</summary>
public static class GrpcReflectionEndpointRouteBuilderExtensions
{
    /// <summary>Maps grpc.reflection.v1 and grpc.reflection.v1alpha; the returned builder applies conventions to both.</summary>
    public static IEndpointConventionBuilder MapGrpcReflectionService(this IEndpointRouteBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var v1 = builder.MapGrpcService<ReflectionServiceImpl>();
        var v1Alpha = builder.MapGrpcService<ReflectionV1AlphaServiceImpl>();
        return new GrpcServiceEndpointConventionBuilder([v1, v1Alpha]);
    }
}
