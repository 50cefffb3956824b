using Grpc.AspNetCore.Server;
using Lifecycle.Grpc.Server;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the gRPC server, as grpc-dotnet's AddGrpc does.</summary>
public static class GrpcServicesExtensions
{
    public static IGrpcServerBuilder AddGrpc(this IServiceCollection services, Action<GrpcServiceOptions>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.AddOptions();
        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, UnimplementedFallbackPruningPolicy>());
        if (configureOptions is not null)
        {
            services.Configure(configureOptions);
        }

        return new GrpcServerBuilder(services);
    }

    private sealed class GrpcServerBuilder(IServiceCollection services) : IGrpcServerBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
