using Lifecycle.Hosting.Health;
using Lifecycle.Hosting.Launchers;
using Lifecycle.Hosting.Processes;
using Lifecycle.Testing;

namespace Lifecycle.Messaging.Tests.Infrastructure;

/// <summary>
/// A RabbitMQ node that a test may stop (SIGTERM by PID) and start again on the same ports and data directory,
/// so durable queues survive, as after a broker restart in production. Lifecycle.Testing's RabbitMqFixture
/// starts once per fixture and cannot do this.
/// </summary>
public sealed class RestartableRabbitMq : IAsyncLifetime
{
    private readonly TestDirectory directory = new("msg-rabbit");
    private readonly RabbitMqPorts ports = new(FreePort.Next(), FreePort.Next(), FreePort.Next());
    private ManagedProcess? process;

    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{ports.Amqp}/";

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        process = ManagedProcess.Start(RabbitMqLauncher.Create("outage", ports, directory.Path), (_, _) => { });
        await new AmqpHandshakeProbe(ports.Amqp).WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
    }

    public async Task StopAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
            process = null;
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        directory.Dispose();
    }
}
