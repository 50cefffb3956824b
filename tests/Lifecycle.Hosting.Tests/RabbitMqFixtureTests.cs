using Lifecycle.Hosting.Health;
using Lifecycle.Hosting.Processes;
using Lifecycle.Testing;

namespace Lifecycle.Hosting.Tests;

public sealed class RabbitMqFixtureTests
{
    [Fact]
    public async Task RabbitMq_node_answers_the_AMQP_handshake_and_stops_with_its_epmd_and_beam()
    {
        var rabbit = new RabbitMqFixture();
        await rabbit.InitializeAsync();
        var group = rabbit.Group;
        var members = ProcessTable.GroupMembers(group.Id).Select(p => p.Pid).ToList();

        Assert.True(await new AmqpHandshakeProbe(rabbit.Port).IsHealthyAsync(CancellationToken.None));
        // The shell, beam.smp and the private epmd at least.
        Assert.True(members.Count >= 3, $"expected epmd and beam in the group, found {members.Count} processes");

        await rabbit.DisposeAsync();
        Assert.False(group.IsAlive);
        Assert.All(members, pid => Assert.False(ProcessTable.TryRead(pid)?.IsAlive ?? false, $"pid {pid} survived"));
        Assert.True(FreePort.IsFree(rabbit.Ports.Amqp));
        Assert.True(FreePort.IsFree(rabbit.Ports.Epmd));
    }
}
