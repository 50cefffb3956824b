using System.Net.Sockets;
using System.Text;

namespace Lifecycle.Grpc.InteropTests.BadInput;

/// <summary>
/// Writes a hand-made HTTP/1.1 request on a fresh TCP connection and returns whatever the server answers until it
/// closes the connection or finishes the response head: a plain socket, so no client library can upgrade or retry.
/// </summary>
public static class RawHttp1Exchange
{
    public static async Task<byte[]> SendAsync(Uri server, string path, byte[] body)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, guard.Token);
        var stream = tcp.GetStream();

        var head = $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/grpc\r\nTE: trailers\r\n" +
            $"Content-Length: {body.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), guard.Token);
        await stream.WriteAsync(body, guard.Token);

        var received = new MemoryStream();
        var buffer = new byte[4096];
        while (!EndsHead(received))
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, guard.Token);
            }
            catch (IOException)
            {
                // A reset connection is one of the answers under test; the bytes before it still count.
                break;
            }

            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
        }

        return received.ToArray();
    }

    private static bool EndsHead(MemoryStream received) =>
        received.Length >= 4 && Encoding.ASCII.GetString(received.GetBuffer(), 0, (int)received.Length).Contains("\r\n\r\n", StringComparison.Ordinal);
}
