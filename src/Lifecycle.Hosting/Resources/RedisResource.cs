using Lifecycle.Hosting.Health;
using Lifecycle.Hosting.Launchers;
using Lifecycle.Hosting.Processes;

namespace Lifecycle.Hosting;

/// <summary>A redis-server process; referrers get ConnectionStrings__&lt;name&gt;=127.0.0.1:port.</summary>
public sealed class RedisResource : ProcessResource, IResourceWithConnectionString
{
    public const string PrimaryEndpoint = "tcp";

    public RedisResource(string name, int? port) : base(name) =>
        AddEndpoint(new EndpointDefinition(PrimaryEndpoint, "tcp", port));

    public string ConnectionString => $"127.0.0.1:{PortOf(PrimaryEndpoint)}";

    public override void EnsureBinaries(HostingOptions options) => RedisLauncher.Locate();

    public override ProcessLaunch CreateLaunch(LaunchContext context) =>
        RedisLauncher.Create(context.Instance.Ports[PrimaryEndpoint], context.DataDirectory);

    public override IHealthProbe CreateHealthProbe(ResourceInstance instance) =>
        new RedisPingProbe(instance.Ports[PrimaryEndpoint]);
}
