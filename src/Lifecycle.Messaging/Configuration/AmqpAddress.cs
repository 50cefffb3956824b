using RabbitMQ.Client;

namespace Lifecycle.Messaging.Configuration;

/// <summary>The parts of an amqp://user:pass@host:port/vhost connection string (Aspire's form for "messaging").</summary>
public sealed record AmqpAddress(string Host, ushort Port, string VirtualHost, string Username, string Password)
{
    private const ushort DefaultPort = 5672;

    public static AmqpAddress Parse(string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "rabbitmq"))
        {
            throw new FormatException("ConnectionStrings:messaging must look like amqp://user:pass@host:port/vhost");
        }
        var credentials = uri.UserInfo.Split(':', 2);
        var user = credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : "guest";
        var password = credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "guest";
        var vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new AmqpAddress(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : (ushort)uri.Port,
            vhost.Length == 0 ? "/" : vhost, user, password);
    }

    /// <summary>A RabbitMQ.Client factory for this address; each caller adjusts what it needs (recovery, timeouts).</summary>
    /// <param name="clientName">Shown as the connection's name in the broker's management UI.</param>
    public ConnectionFactory CreateConnectionFactory(string clientName) => new()
    {
        HostName = Host,
        Port = Port,
        VirtualHost = VirtualHost,
        UserName = Username,
        Password = Password,
        ClientProvidedName = clientName,
    };

    /// <summary>For logs: everything but the password.</summary>
    public override string ToString() => $"amqp://{Username}@{Host}:{Port}/{(VirtualHost == "/" ? "" : VirtualHost)}";
}
