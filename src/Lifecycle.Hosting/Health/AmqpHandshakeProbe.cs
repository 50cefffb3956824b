namespace Lifecycle.Hosting.Health;

/// <summary>
/// RabbitMQ is ready when the AMQP 0-9-1 protocol header is answered with a method frame
/// (Connection.Start): type octet 1, as opposed to a refused connection or a protocol-header reply.
/// </summary>
public sealed class AmqpHandshakeProbe(int port) : IHealthProbe
{
    private static readonly byte[] ProtocolHeader = "AMQP\0\0\x09\x01"u8.ToArray();
    private const byte MethodFrame = 1;

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        var reply = await TcpExchange.SendAsync(port, ProtocolHeader, 512, cancellationToken);
        return reply is { Length: > 0 } && reply[0] == MethodFrame;
    }
}
