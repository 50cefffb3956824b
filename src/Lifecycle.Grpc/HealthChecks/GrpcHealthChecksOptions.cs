namespace Grpc.AspNetCore.HealthChecks;

/// <summary>Which ASP.NET Core health checks decide each gRPC health service name's status.</summary>
public sealed class GrpcHealthChecksOptions
{
    /// <summary>Name → checks. "" (the whole server) maps to every check unless remapped.</summary>
    public ServiceMappingCollection Services { get; } = new();
}
