using Lifecycle.Hosting.Health;
using Lifecycle.Hosting.Launchers;
using Lifecycle.Hosting.Processes;

namespace Lifecycle.Hosting;

/// <summary>
/// A .NET service started with `dotnet exec` on its built assembly. Each replica listens h2c (HTTP/2
/// without TLS) on its own `grpc` port; referrers get services__&lt;name&gt;__grpc__&lt;i&gt;.
/// </summary>
public sealed class ProjectResource : ProcessResource, IReferenceableResource
{
    public const string GrpcEndpoint = "grpc";

    public ProjectResource(string name, string projectPath, int? port) : base(name)
    {
        ProjectPath = projectPath;
        AddEndpoint(new EndpointDefinition(GrpcEndpoint, "http", port));
    }

    public string ProjectPath { get; }

    public override bool IsService => true;

    /// <summary>Path probed over HTTP/2 for readiness (ServiceDefaults maps /health).</summary>
    public string HealthPath { get; internal set; } = "/health";

    /// <summary>When set, readiness is grpc.health.v1 SERVING instead of the HTTP health path.</summary>
    public bool UsesGrpcHealth { get; internal set; }

    public override void EnsureBinaries(HostingOptions options)
    {
        BinaryLocator.Dotnet();
        ProjectAssembly.Resolve(ProjectPath, options.BuildConfiguration);
    }

    public override ProcessLaunch CreateLaunch(LaunchContext context)
    {
        var url = $"http://127.0.0.1:{context.Instance.Ports[GrpcEndpoint]}";
        var environment = new Dictionary<string, string>(context.Environment)
        {
            ["ASPNETCORE_URLS"] = url,
            // h2c: gRPC clients use HTTP/2 with prior knowledge, which Kestrel only speaks on an Http2-only endpoint.
            ["Kestrel__EndpointDefaults__Protocols"] = "Http2",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["OTEL_SERVICE_NAME"] = Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={context.Instance.Name}",
        };
        var dll = ProjectAssembly.Resolve(ProjectPath, context.Options.BuildConfiguration);
        return new ProcessLaunch(BinaryLocator.Dotnet(), ["exec", dll])
        {
            Environment = environment,
            WorkingDirectory = Path.GetDirectoryName(ProjectPath),
        };
    }

    public override IHealthProbe CreateHealthProbe(ResourceInstance instance)
    {
        var address = new Uri($"http://127.0.0.1:{instance.Ports[GrpcEndpoint]}");
        return UsesGrpcHealth ? new GrpcHealthProbe(address) : new HttpHealthProbe(new Uri(address, HealthPath));
    }

    public IEnumerable<KeyValuePair<string, string>> GetReferenceEnvironment() =>
        Instances.Select(instance => new KeyValuePair<string, string>(
            $"services__{Name}__{GrpcEndpoint}__{instance.ReplicaIndex}", instance.EndpointUrls[GrpcEndpoint]));
}
