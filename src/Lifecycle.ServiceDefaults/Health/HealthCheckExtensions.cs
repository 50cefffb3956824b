using Lifecycle.ServiceDefaults.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>Readiness (/health: every registered check) and liveness (/alive: "live" checks only) for a service.</summary>
public static class HealthCheckExtensions
{
    public const string SelfCheckName = "self";

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var checks = builder.Services.AddHealthChecks();
        // AddHealthChecks is additive; registering "self" twice would fail every health request with a duplicate name.
        checks.Services.Configure<HealthCheckServiceOptions>(options =>
        {
            if (options.Registrations.All(registration => registration.Name != SelfCheckName))
            {
                options.Registrations.Add(new HealthCheckRegistration(
                    SelfCheckName, _ => new SelfHealthCheck(), failureStatus: null, tags: [HealthTags.Live]));
            }
        });
        return builder;
    }

    /// <summary>Maps both endpoints in every environment: probes need them in production most of all.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks(HealthTags.HealthPath, new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
        endpoints.MapHealthChecks(HealthTags.AlivePath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(HealthTags.Live),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        return endpoints;
    }

    private sealed class SelfHealthCheck : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthCheckResult.Healthy("process is running"));
    }
}
