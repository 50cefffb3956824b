using Lifecycle.Hosting.Health;
using Lifecycle.Hosting.Processes;

namespace Lifecycle.Hosting;

/// <summary>A resource backed by a supervised process per replica.</summary>
public abstract class ProcessResource(string name) : Resource(name)
{
    private readonly List<EndpointDefinition> endpoints = [];

    public override IReadOnlyList<EndpointDefinition> Endpoints => endpoints;

    public override int Replicas => ReplicaCount;

    public int ReplicaCount { get; internal set; } = 1;

    /// <summary>Throws MissingBinaryException (or explains what to build) before anything starts.</summary>
    public abstract void EnsureBinaries(HostingOptions options);

    /// <summary>One-time work before the first start, e.g. initdb.</summary>
    public virtual Task PrepareAsync(LaunchContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract ProcessLaunch CreateLaunch(LaunchContext context);

    /// <summary>Null means "healthy as soon as it runs".</summary>
    public abstract IHealthProbe? CreateHealthProbe(ResourceInstance instance);

    /// <summary>The probe that keeps watching once the instance was healthy (by default the same one).</summary>
    public virtual IHealthProbe? CreateLivenessProbe(ResourceInstance instance) => CreateHealthProbe(instance);

    internal void AddEndpoint(EndpointDefinition endpoint)
    {
        endpoints.RemoveAll(e => e.Name == endpoint.Name);
        endpoints.Add(endpoint);
    }

    /// <summary>Port of the named endpoint on replica 0 (infrastructure has exactly one replica).</summary>
    protected int PortOf(string endpoint) =>
        Instances.Count > 0 ? Instances[0].Ports[endpoint] : throw new InvalidOperationException($"{Name}: ports are assigned by Build()");
}
