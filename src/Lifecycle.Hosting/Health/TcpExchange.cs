using System.Net;
using System.Net.Sockets;

namespace Lifecycle.Hosting.Health;

/// <summary>Connects to a loopback port, writes a request and reads the first bytes of the answer.</summary>
internal static class TcpExchange
{
    public static async Task<byte[]?> SendAsync(int port, byte[] request, int atMost, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            await socket.SendAsync(request, SocketFlags.None, timeout.Token);
            var buffer = new byte[atMost];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return read == 0 ? null : buffer[..read];
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
