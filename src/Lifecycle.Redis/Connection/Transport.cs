using System.Net.Security;
using System.Net.Sockets;

namespace Lifecycle.Redis.Connection;

/// <summary>Opens the TCP socket (and TLS when configured) that a physical connection runs on.</summary>
internal static class Transport
{
    public static async Task<(Socket Socket, Stream Stream)> OpenAsync(RedisConnectionOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            await socket.ConnectAsync(options.Host, options.Port, cancellationToken).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (options.Ssl)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                await tls.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions { TargetHost = options.SslHost ?? options.Host, RemoteCertificateValidationCallback = options.CertificateValidation },
                    cancellationToken).ConfigureAwait(false);
                stream = tls;
            }

            return (socket, stream);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
