using System.Text;

namespace Lifecycle.Hosting.Health;

/// <summary>Redis is ready when PING, sent as a RESP array, is answered with +PONG.</summary>
public sealed class RedisPingProbe(int port) : IHealthProbe
{
    private static readonly byte[] Ping = "*1\r\n$4\r\nPING\r\n"u8.ToArray();

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        var reply = await TcpExchange.SendAsync(port, Ping, 64, cancellationToken);
        return reply is not null && Encoding.ASCII.GetString(reply).StartsWith("+PONG", StringComparison.Ordinal);
    }
}
