using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Lifecycle.Grpc.Server;

/// <summary>Formats the remote endpoint as gRPC peers are named: "ipv4:1.2.3.4:80", "ipv6:[::1]:80", "unix:path".</summary>
internal static class PeerFormatter
{
    public static string Format(ConnectionInfo connection)
    {
        var address = connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        var port = connection.RemotePort.ToString(CultureInfo.InvariantCulture);
        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"ipv6:[{address}]:{port}"
            : $"ipv4:{address}:{port}";
    }
}
