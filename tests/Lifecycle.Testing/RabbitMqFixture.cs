using Lifecycle.Hosting.Health;
using Lifecycle.Hosting.Launchers;
using Lifecycle.Hosting.Processes;

namespace Lifecycle.Testing;

/// <summary>
/// A real RabbitMQ node (private epmd, own HOME) for one test class or collection; boot takes 6-9 s,
/// so share it. ConnectionString is "amqp://guest:guest@127.0.0.1:port/".
/// </summary>
public sealed class RabbitMqFixture() : ServerFixture("rabbitmq")
{
    private readonly RabbitMqPorts ports = new(FreePort.Next(), FreePort.Next(), FreePort.Next());

    public override int Port => ports.Amqp;

    public RabbitMqPorts Ports => ports;

    public override string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}/";

    protected override TimeSpan StartTimeout => TimeSpan.FromSeconds(60);

    protected override Task<ProcessLaunch> PrepareAsync() =>
        Task.FromResult(RabbitMqLauncher.Create("test", ports, Directory.Path));

    protected override IHealthProbe Probe() => new AmqpHandshakeProbe(Port);
}
