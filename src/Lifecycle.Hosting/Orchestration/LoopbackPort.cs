using System.Net;
using System.Net.Sockets;

namespace Lifecycle.Hosting.Orchestration;

/// <summary>
/// Loopback ports as the OS sees them: one free now, or whether one is. A port is only free until a server binds it, so
/// a caller handing out several before any is bound passes the ones it already handed out to <see cref="Free"/>.
/// Shared by the AppHost's port allocator and the test fixtures.
/// </summary>
public static class LoopbackPort
{
    /// <summary>A port the OS reports free, other than those <paramref name="taken"/> returns true for.</summary>
    public static int Free(Func<int, bool> taken)
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (!taken(port))
            {
                return port;
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
