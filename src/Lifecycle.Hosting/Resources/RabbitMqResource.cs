using Lifecycle.Hosting.Health;
using Lifecycle.Hosting.Launchers;
using Lifecycle.Hosting.Processes;

namespace Lifecycle.Hosting;

/// <summary>A private RabbitMQ node; referrers get ConnectionStrings__&lt;name&gt;=amqp://guest:guest@127.0.0.1:port/.</summary>
public sealed class RabbitMqResource : ProcessResource, IResourceWithConnectionString
{
    public const string PrimaryEndpoint = "amqp";

    public RabbitMqResource(string name, int? port) : base(name)
    {
        AddEndpoint(new EndpointDefinition(PrimaryEndpoint, "amqp", port));
        // Erlang needs two more ports; they stay off the advertised endpoints.
        AddEndpoint(new EndpointDefinition("epmd", "tcp", port + 1, Visible: false));
        AddEndpoint(new EndpointDefinition("dist", "tcp", port + 2, Visible: false));
    }

    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{PortOf(PrimaryEndpoint)}/";

    public override void EnsureBinaries(HostingOptions options) => RabbitMqLauncher.Locate();

    public override ProcessLaunch CreateLaunch(LaunchContext context)
    {
        var ports = context.Instance.Ports;
        return RabbitMqLauncher.Create(Name, new RabbitMqPorts(ports[PrimaryEndpoint], ports["epmd"], ports["dist"]), context.DataDirectory);
    }

    public override IHealthProbe CreateHealthProbe(ResourceInstance instance) =>
        new AmqpHandshakeProbe(instance.Ports[PrimaryEndpoint]);

    public override IHealthProbe CreateLivenessProbe(ResourceInstance instance) =>
        new TcpConnectProbe(instance.Ports[PrimaryEndpoint]);
}
