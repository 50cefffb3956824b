using Lifecycle.Hosting.Orchestration;

namespace Lifecycle.Testing;

/// <summary>
/// Asks the OS for a currently free loopback port, never the same one twice in a test process: a port is only free
/// until its server binds it, so two fixtures starting side by side (or one server needing several ports, like a
/// RabbitMQ node's AMQP, distribution and epmd ports) could otherwise be handed the same port and collide.
/// </summary>
public static class FreePort
{
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Sync = new();

    public static int Next()
    {
        lock (Sync)
        {
            var port = LoopbackPort.Free(HandedOut.Contains);
            HandedOut.Add(port);
            return port;
        }
    }

    public static bool IsFree(int port) => LoopbackPort.IsFree(port);
}
