using Lifecycle.Grpc.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers gRPC server reflection (v1 and v1alpha), as Grpc.AspNetCore.Server.Reflection does.</summary>
public static class GrpcReflectionServiceExtensions
{
    public static IServiceCollection AddGrpcReflection(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ReflectionIndexProvider>();
        services.TryAddSingleton<ReflectionRequestHandler>();
        return services;
    }
}
