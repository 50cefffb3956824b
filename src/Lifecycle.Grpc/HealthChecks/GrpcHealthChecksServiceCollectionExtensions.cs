using Grpc.AspNetCore.HealthChecks;
using Lifecycle.Grpc.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers grpc.health.v1.Health fed by ASP.NET Core health checks, as Grpc.AspNetCore.HealthChecks does.</summary>
public static class GrpcHealthChecksServiceCollectionExtensions
{
    /// <summary>Adds the health service; add checks on the returned builder. "" and every mapped service name report all checks.</summary>
    public static IHealthChecksBuilder AddGrpcHealthChecks(this IServiceCollection services, Action<GrpcHealthChecksOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<HealthReportBroadcast>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthCheckPublisher, HealthReportBroadcast>(sp => sp.GetRequiredService<HealthReportBroadcast>()));
        services.TryAddSingleton<HealthServiceResolver>();
        return services.AddHealthChecks();
    }
}
