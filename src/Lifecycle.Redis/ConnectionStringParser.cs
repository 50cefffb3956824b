using System.Globalization;

namespace Lifecycle.Redis;

/// <summary>Reads the connection-string form the .NET Redis ecosystem uses (StackExchange.Redis, Aspire).</summary>
internal static class ConnectionStringParser
{
    public static RedisConnectionOptions Parse(string configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        var options = new RedisConnectionOptions();
        var endpointSeen = false;
        foreach (var rawPart in configuration.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = rawPart.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                // Only one endpoint: this client talks to a single primary, it is not a cluster client.
                if (endpointSeen)
                {
                    throw new FormatException($"Redis connection string names more than one endpoint ('{rawPart}'); only one is supported.");
                }

                endpointSeen = true;
                options = WithEndPoint(options, rawPart);
                continue;
            }

            options = WithSetting(options, rawPart[..equals].Trim(), rawPart[(equals + 1)..].Trim());
        }

        return endpointSeen ? options : throw new FormatException("Redis connection string has no host:port endpoint.");
    }

    private static RedisConnectionOptions WithEndPoint(RedisConnectionOptions options, string endpoint)
    {
        string host;
        string? port = null;
        if (endpoint.StartsWith('['))
        {
            var close = endpoint.IndexOf(']', StringComparison.Ordinal);
            host = close > 0 ? endpoint[1..close] : throw new FormatException($"Bad IPv6 endpoint '{endpoint}'.");
            port = endpoint.Length > close + 2 && endpoint[close + 1] == ':' ? endpoint[(close + 2)..] : null;
        }
        else
        {
            var colon = endpoint.LastIndexOf(':');
            host = colon < 0 ? endpoint : endpoint[..colon];
            port = colon < 0 ? null : endpoint[(colon + 1)..];
        }

        return options with { Host = host, Port = port is null ? 6379 : ParseInt("port", port) };
    }

    private static RedisConnectionOptions WithSetting(RedisConnectionOptions options, string key, string value) =>
        key.ToLowerInvariant() switch
        {
            "password" => options with { Password = value },
            "user" => options with { User = value },
            "ssl" => options with { Ssl = ParseBool(key, value) },
            "sslhost" => options with { SslHost = value },
            "defaultdatabase" => options with { DefaultDatabase = ParseInt(key, value) },
            "connecttimeout" => options with { ConnectTimeout = TimeSpan.FromMilliseconds(ParseInt(key, value)) },
            "synctimeout" or "asynctimeout" => options with { CommandTimeout = TimeSpan.FromMilliseconds(ParseInt(key, value)) },
            "abortconnect" => options with { AbortOnConnectFail = ParseBool(key, value) },
            "name" => options with { ClientName = value },
            "protocol" => options with { Protocol = ParseProtocol(value) },
            // Accepted for compatibility with strings written for StackExchange.Redis; they change nothing here.
            "allowadmin" or "connectretry" or "keepalive" or "resolvedns" => options,
            _ => throw new FormatException($"Unknown Redis connection string option '{key}'."),
        };

    private static int ParseInt(string key, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0
            ? parsed
            : throw new FormatException($"Redis connection string option '{key}' must be a non-negative integer, got '{value}'.");

    private static bool ParseBool(string key, string value) =>
        bool.TryParse(value, out var parsed)
            ? parsed
            : throw new FormatException($"Redis connection string option '{key}' must be true or false, got '{value}'.");

    private static RedisProtocol ParseProtocol(string value) => value.ToLowerInvariant() switch
    {
        "resp2" or "2" => RedisProtocol.Resp2,
        "resp3" or "3" => RedisProtocol.Resp3,
        _ => throw new FormatException($"Redis connection string option 'protocol' must be resp2 or resp3, got '{value}'."),
    };
}
