using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Lifecycle.Grpc.HealthChecks;

/// <summary>grpc.health.v1.Health answered from the application's ASP.NET Core health checks.</summary>
internal sealed class HealthServiceImpl(HealthCheckService healthChecks, HealthServiceResolver resolver, HealthReportBroadcast broadcast)
    : Health.HealthBase
{
    /// <summary>Runs the service's checks now; NOT_FOUND for a name neither mapped nor served.</summary>
    public override async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        var mapping = resolver.Find(request.Service)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Unknown service '{request.Service}'."));
        var report = await healthChecks.CheckHealthAsync(mapping.Predicate, context.CancellationToken);
        return HealthServiceResolver.Response(HealthServiceResolver.ToServingStatus(report.Status));
    }

    /// <summary>
    /// Sends the current status, then each change seen in the reports the health check publisher produces
    /// (its period sets how soon a change arrives). Unknown names get SERVICE_UNKNOWN and stay watched, per the spec.
    /// </summary>
    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        var nextReport = broadcast.NextReport;
        var current = await CurrentStatusAsync(request.Service, cancellationToken);
        ServingStatus? sent = null;
        while (true)
        {
            if (current != sent)
            {
                await responseStream.WriteAsync(HealthServiceResolver.Response(current));
                sent = current;
            }

            var report = await nextReport.WaitAsync(cancellationToken);
            nextReport = broadcast.NextReport;
            current = resolver.Find(request.Service) is { } mapping ? resolver.StatusIn(report, mapping) : ServingStatus.ServiceUnknown;
        }
    }

    private async Task<ServingStatus> CurrentStatusAsync(string service, CancellationToken cancellationToken)
    {
        if (resolver.Find(service) is not { } mapping)
        {
            return ServingStatus.ServiceUnknown;
        }

        var report = await healthChecks.CheckHealthAsync(mapping.Predicate, cancellationToken);
        return HealthServiceResolver.ToServingStatus(report.Status);
    }
}
