using Lifecycle.Redis.Connection;
using Lifecycle.Redis.PubSub;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lifecycle.Redis;

/// <summary>
/// The client: one multiplexed, pipelined connection shared by every caller, reconnecting on its own.
/// Create one per server and keep it for the life of the process.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable, IDisposable
{
    private readonly ConnectionManager _manager;
    private readonly Lazy<RedisSubscriber> _subscriber;
    private readonly ILogger _logger;

    private RedisConnection(RedisConnectionOptions options, ILogger? logger)
    {
        Options = options;
        _logger = logger ?? NullLogger.Instance;
        _manager = new ConnectionManager(options, options.Protocol, static reply => reply.Type == RedisResultType.Push, _logger);
        Database = new RedisDatabase(_manager);
        _subscriber = new Lazy<RedisSubscriber>(() => new RedisSubscriber(options, _logger));
    }

    /// <summary>The settings this client was created with.</summary>
    public RedisConnectionOptions Options { get; }

    /// <summary>True while a connection is up and past its handshake.</summary>
    public bool IsConnected => _manager.IsConnected;

    private RedisDatabase Database { get; }

    /// <summary>Connects and throws a <see cref="RedisConnectionException"/> if the server is unreachable, silent or rejects the password.</summary>
    public static Task<RedisConnection> ConnectAsync(string configuration, ILogger? logger = null) =>
        ConnectAsync(RedisConnectionOptions.Parse(configuration), logger);

    /// <inheritdoc cref="ConnectAsync(string, ILogger?)" />
    public static async Task<RedisConnection> ConnectAsync(RedisConnectionOptions options, ILogger? logger = null)
    {
        var connection = new RedisConnection(options, logger);
        if (!options.AbortOnConnectFail)
        {
            connection._manager.ConnectInBackground();
            return connection;
        }

        try
        {
            await connection._manager.ConnectOnceAsync().ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates the client without waiting: it connects in the background and calls fail fast until it is up.</summary>
    public static RedisConnection Create(RedisConnectionOptions options, ILogger? logger = null)
    {
        var connection = new RedisConnection(options, logger);
        connection._manager.ConnectInBackground();
        return connection;
    }

    /// <summary>The commands, run against <see cref="RedisConnectionOptions.DefaultDatabase"/>.</summary>
    public IRedisDatabase GetDatabase() => Database;

    /// <summary>Pub/sub on its own connection, created on first use, resubscribing after reconnects.</summary>
    public ISubscriber GetSubscriber() => _subscriber.Value;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_subscriber.IsValueCreated)
        {
            await _subscriber.Value.DisposeAsync().ConfigureAwait(false);
        }

        await _manager.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
