using System.Buffers.Binary;
using System.Text;

namespace Lifecycle.Hosting.Health;

/// <summary>
/// PostgreSQL is ready when a v3 startup packet for user postgres is answered with an
/// Authentication message ('R'); while starting up or recovering it answers with an error ('E').
/// </summary>
public sealed class PostgresReadyProbe(int port, string user = "postgres") : IHealthProbe
{
    private const int ProtocolVersion3 = 196608;

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        var reply = await TcpExchange.SendAsync(port, StartupPacket(), 256, cancellationToken);
        return reply is { Length: > 0 } && reply[0] == (byte)'R';
    }

    private byte[] StartupPacket()
    {
        var parameters = Encoding.UTF8.GetBytes($"user\0{user}\0database\0postgres\0\0");
        var packet = new byte[8 + parameters.Length];
        BinaryPrimitives.WriteInt32BigEndian(packet, packet.Length);
        BinaryPrimitives.WriteInt32BigEndian(packet.AsSpan(4), ProtocolVersion3);
        parameters.CopyTo(packet, 8);
        return packet;
    }
}
