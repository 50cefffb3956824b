using System.Net;
using System.Net.Sockets;

namespace Lifecycle.Redis.Tests.Infrastructure;

/// <summary>Asks the OS for a currently free loopback port.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
