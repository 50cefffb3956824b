using Grpc.AspNetCore.HealthChecks;
using Grpc.Health.V1;
using Lifecycle.Grpc.Server;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Lifecycle.Grpc.HealthChecks;

/// <summary>Maps a health service name to its health checks and turns check results into a serving status.</summary>
internal sealed class HealthServiceResolver(
    IOptions<GrpcHealthChecksOptions> options,
    IOptions<HealthCheckServiceOptions> healthCheckOptions,
    GrpcServiceRegistry registry)
{
    /// <summary>The explicit mapping for <paramref name="service"/>, or the whole server's for a mapped gRPC service's name.</summary>
    public ServiceMapping? Find(string service)
    {
        var services = options.Value.Services;
        if (services.TryGet(service, out var mapping))
        {
            return mapping;
        }

        foreach (var mapped in registry.Services)
        {
            if (mapped.Name == service && services.TryGet("", out var whole))
            {
                return new ServiceMapping(service, whole.Predicate);
            }
        }

        return null;
    }

    public static ServingStatus ToServingStatus(HealthStatus status) =>
        status == HealthStatus.Unhealthy ? ServingStatus.NotServing : ServingStatus.Serving;

    /// <summary>The mapping's status in a published report: the worst of its checks' entries (SERVING when it has none).</summary>
    public ServingStatus StatusIn(HealthReport report, ServiceMapping mapping)
    {
        var worst = HealthStatus.Healthy;
        foreach (var registration in healthCheckOptions.Value.Registrations)
        {
            if (mapping.Predicate(registration) && report.Entries.TryGetValue(registration.Name, out var entry) && entry.Status < worst)
            {
                worst = entry.Status;
            }
        }

        return ToServingStatus(worst);
    }

    public static HealthCheckResponse Response(ServingStatus status) => new() { Status = status };
}
