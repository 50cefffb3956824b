using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grpc.AspNetCore.HealthChecks;

/// <summary>A health service name and the predicate choosing the health checks that decide its status.</summary>
public sealed class ServiceMapping(string name, Func<HealthCheckRegistration, bool> predicate)
{
    public string Name { get; } = name;

    public Func<HealthCheckRegistration, bool> Predicate { get; } = predicate;
}
