using Lifecycle.Hosting.Logging;
using Lifecycle.Hosting.Orchestration;
using Microsoft.Extensions.Configuration;

namespace Lifecycle.Hosting;

/// <summary>Collects the resource graph; Build() assigns ports and creates one instance per replica.</summary>
public sealed class DistributedApplicationBuilder(HostingOptions options, IConfiguration configuration)
{
    private readonly List<Resource> resources = [];

    public HostingOptions Options { get; } = options;

    public IConfiguration Configuration { get; } = configuration;

    public IReadOnlyList<Resource> Resources => resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : Resource
    {
        if (resources.Any(r => r.Name == resource.Name))
        {
            throw new ArgumentException($"A resource named '{resource.Name}' already exists", nameof(resource));
        }
        resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public DistributedApplication Build()
    {
        var console = Options.ConsoleOutput ? new ConsoleLogSink(Console.Out) : null;
        var ports = new PortAllocator(Options);
        foreach (var resource in resources)
        {
            resource.Instances = Enumerable.Range(0, resource.Replicas)
                .Select(replica =>
                {
                    var name = replica == 0 ? resource.Name : $"{resource.Name}-{replica}";
                    var assigned = resource.Endpoints.ToDictionary(
                        e => e.Name,
                        e => ports.Assign(name, e, isPrimary: e == resource.Endpoints[0], replica));
                    var log = new ResourceLog(name, Path.Combine(Options.LogsDirectory, $"{name}.log"), console);
                    return new ResourceInstance(resource, name, replica, assigned, log);
                })
                .ToList();
        }
        return new DistributedApplication(Options, resources, ports.Assign("dashboard", DashboardEndpoint, true, 0), console);
    }

    private static readonly EndpointDefinition DashboardEndpoint = new("http", "http", HostingOptions.DefaultDashboardPort);
}
