using System.Net;
using System.Net.Sockets;

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
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Sync)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
