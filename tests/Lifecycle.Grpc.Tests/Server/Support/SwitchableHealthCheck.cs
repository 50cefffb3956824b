using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lifecycle.Grpc.Tests.Server.Support;

/// <summary>A health check whose result the test flips.</summary>
public sealed class SwitchableHealthCheck : IHealthCheck
{
    public volatile bool Healthy = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("switched off"));
}
