using System.Net;
using System.Net.Sockets;

namespace Lifecycle.Hosting.Health;

/// <summary>
/// Liveness by TCP accept alone: used once a server is known healthy, where a full protocol probe every
/// second would fill its log (RabbitMQ warns about every handshake the client abandons).
/// </summary>
public sealed class TcpConnectProbe(int port) : IHealthProbe
{
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
