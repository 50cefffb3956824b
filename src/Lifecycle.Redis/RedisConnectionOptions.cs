using System.Net.Security;

namespace Lifecycle.Redis;

/// <summary>Where and how to connect; parsed from the StackExchange.Redis-style connection string.</summary>
public sealed record RedisConnectionOptions
{
    /// <summary>Host name or IP address of the server.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port of the server.</summary>
    public int Port { get; init; } = 6379;

    /// <summary>ACL user name; null uses the default user.</summary>
    public string? User { get; init; }

    /// <summary>Password sent with AUTH (or HELLO); null sends none.</summary>
    public string? Password { get; init; }

    /// <summary>Wraps the connection in TLS.</summary>
    public bool Ssl { get; init; }

    /// <summary>Host name the TLS certificate must match; defaults to <see cref="Host"/>.</summary>
    public string? SslHost { get; init; }

    /// <summary>Custom TLS certificate check (e.g. to trust a private CA); null uses the system trust store.</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    /// <summary>Database selected with SELECT after connecting.</summary>
    public int DefaultDatabase { get; init; }

    /// <summary>RESP dialect for the command connection.</summary>
    public RedisProtocol Protocol { get; init; } = RedisProtocol.Resp2;

    /// <summary>Client name shown in CLIENT LIST.</summary>
    public string? ClientName { get; init; }

    /// <summary>Upper bound for TCP connect, TLS and the handshake together.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a caller waits for a reply before getting a <see cref="RedisTimeoutException"/>.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>When true, <c>ConnectAsync</c> throws if the first connect fails; when false it keeps retrying in the background.</summary>
    public bool AbortOnConnectFail { get; init; } = true;

    /// <summary>First delay between reconnect attempts; doubles on each failure.</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Cap for the delay between reconnect attempts.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The endpoint as <c>host:port</c>, for messages and metrics.</summary>
    public string EndPoint => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Parses <c>host:port,password=...,ssl=false,defaultDatabase=0,connectTimeout=5000</c>.</summary>
    public static RedisConnectionOptions Parse(string configuration) => ConnectionStringParser.Parse(configuration);

    /// <inheritdoc />
    public override string ToString() => $"{EndPoint} (db {DefaultDatabase}, ssl={Ssl}, {Protocol})";
}
