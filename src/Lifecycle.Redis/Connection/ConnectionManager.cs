using Lifecycle.Redis.Diagnostics;
using Lifecycle.Redis.Protocol;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Redis.Connection;

/// <summary>
/// Owns the current physical connection and replaces it when it fails: reconnects in the background
/// with exponential backoff while callers fail fast with <see cref="RedisConnectionException"/>.
/// </summary>
internal sealed class ConnectionManager : IAsyncDisposable
{
    private readonly RedisConnectionOptions _options;
    private readonly RedisProtocol _protocol;
    private readonly Func<RedisResult, bool> _tryHandlePush;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Timer _timeoutTimer;
    private readonly Lock _stateLock = new();
    private PhysicalConnection? _current;
    private Exception? _lastError;
    private bool _reconnecting;
    private Task? _reconnectLoop;
    private int _disposeStarted;
    private TaskCompletionSource _up = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConnectionManager(RedisConnectionOptions options, RedisProtocol protocol, Func<RedisResult, bool> tryHandlePush, ILogger logger)
    {
        (_options, _protocol, _tryHandlePush, _logger) = (options, protocol, tryHandlePush, logger);
        Metrics = new RedisMetrics(options);
        var period = TimeSpan.FromMilliseconds(Math.Clamp(options.CommandTimeout.TotalMilliseconds / 10, 5, 100));
        _timeoutTimer = new Timer(_ => CheckTimeouts(), null, period, period);
    }

    /// <summary>Raised after a connection was (re-)established; pub/sub resubscribes here.</summary>
    public event Action? Connected;

    public RedisMetrics Metrics { get; }

    public bool IsConnected => Volatile.Read(ref _current) is { IsFailed: false };

    public RedisConnectionOptions Options => _options;

    /// <summary>Connects once, throwing a clear exception when that fails (no background retry is started).</summary>
    public async Task ConnectOnceAsync()
    {
        var connection = await OpenAsync().ConfigureAwait(false);
        if (!Publish(connection))
        {
            throw Unavailable();
        }
    }

    /// <summary>Starts (or keeps) the reconnect loop; calls fail fast until it succeeds.</summary>
    public void ConnectInBackground()
    {
        lock (_stateLock)
        {
            if (_disposed.IsCancellationRequested || _reconnecting)
            {
                return;
            }

            // The flag is cleared under this lock in the same step that publishes the new connection, so a
            // failure of that connection, however soon, always finds no loop running and starts a new one.
            _reconnecting = true;
            _reconnectLoop = Task.Run(ReconnectLoopAsync);
        }
    }

    /// <summary>Waits until a connection is live, or throws the reason there is none after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilConnectedAsync(TimeSpan timeout)
    {
        try
        {
            await Volatile.Read(ref _up).Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw Unavailable();
        }
    }

    /// <summary>Queues a command on the live connection, or returns a task already failed with why there is none.</summary>
    public Task<T> ExecuteAsync<T>(RedisCommand command, ReplyConverter<T> convert, params ReadOnlySpan<RedisValue> args)
    {
        var connection = Volatile.Read(ref _current);
        if (connection is null)
        {
            return Task.FromException<T>(Unavailable());
        }

        var pending = new PendingReply<T>(command, convert, Metrics);
        try
        {
            return connection.TryEnqueue(pending, command, args) ? pending.Task : Task.FromException<T>(Unavailable());
        }
        catch (RedisConnectionException ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposeStarted, 1) != 0)
        {
            return; // DI containers may dispose a singleton registered under two service types twice
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        await _timeoutTimer.DisposeAsync().ConfigureAwait(false);
        Interlocked.Exchange(ref _current, null)?.Fail(new RedisConnectionException($"The Redis connection to {_options.EndPoint} was disposed."));
        if (_reconnectLoop is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _disposed.Dispose();
    }

    private RedisConnectionException Unavailable() => _disposed.IsCancellationRequested
        ? new RedisConnectionException($"The Redis connection to {_options.EndPoint} was disposed.")
        : new RedisConnectionException(
            $"No connection to Redis at {_options.EndPoint}; reconnecting in the background. Last error: {Volatile.Read(ref _lastError)?.Message ?? "none"}",
            Volatile.Read(ref _lastError));

    private async Task<PhysicalConnection> OpenAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        timeout.CancelAfter(_options.ConnectTimeout);
        var started = TimeProvider.System.GetTimestamp();
        PhysicalConnection? connection = null;
        try
        {
            var (socket, stream) = await Transport.OpenAsync(_options, timeout.Token).ConfigureAwait(false);
            connection = new PhysicalConnection(socket, stream, _options.EndPoint, _tryHandlePush, OnFailed);
            var remaining = _options.ConnectTimeout - TimeProvider.System.GetElapsedTime(started);
            await Handshake.RunAsync(connection, _options, _protocol, Metrics, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex)
        {
            var error = ex switch
            {
                RedisConnectionException known => known,
                OperationCanceledException when !_disposed.IsCancellationRequested =>
                    new RedisConnectionException($"Could not connect to Redis at {_options.EndPoint} within {_options.ConnectTimeout.TotalMilliseconds:0} ms.", ex),
                _ => new RedisConnectionException($"Could not connect to Redis at {_options.EndPoint}: {ex.Message}", ex),
            };
            connection?.Fail(error);
            throw error;
        }
    }

    /// <summary>Makes a handshaken connection the live one; false when it already failed in the meantime.</summary>
    private bool Publish(PhysicalConnection connection)
    {
        lock (_stateLock)
        {
            if (_disposed.IsCancellationRequested)
            {
                connection.Fail(new RedisConnectionException($"The Redis connection to {_options.EndPoint} was disposed."));
                return true;
            }

            // A link that died between handshake and here was never current, so its failure started no reconnect.
            if (connection.IsFailed)
            {
                return false;
            }

            Volatile.Write(ref _current, connection);
            _reconnecting = false;
            _up.TrySetResult();
        }

        _logger.LogInformation("Connected to Redis at {EndPoint}", _options.EndPoint);
        Connected?.Invoke();
        return true;
    }

    private void OnFailed(PhysicalConnection connection, Exception error)
    {
        Volatile.Write(ref _lastError, error);
        lock (_stateLock)
        {
            if (Interlocked.CompareExchange(ref _current, null, connection) != connection || _disposed.IsCancellationRequested)
            {
                return; // a connection that never went live (handshake failure) or shutdown: nothing to replace
            }

            _up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _logger.LogWarning("Lost connection to Redis at {EndPoint}: {Reason}", _options.EndPoint, error.Message);
        ConnectInBackground();
    }

    private async Task ReconnectLoopAsync()
    {
        var delay = _options.ReconnectMinDelay;
        while (!_disposed.IsCancellationRequested)
        {
            try
            {
                if (Publish(await OpenAsync().ConfigureAwait(false)))
                {
                    return;
                }
            }
            catch (Exception ex) when (!_disposed.IsCancellationRequested)
            {
                Volatile.Write(ref _lastError, ex);
                _logger.LogDebug("Reconnect to Redis at {EndPoint} failed: {Reason}; next try in {Delay}", _options.EndPoint, ex.Message, delay);
            }
            catch (Exception)
            {
                return;
            }

            // Jitter keeps many clients from reconnecting in lockstep after a server restart.
            var jittered = delay * (0.8 + (Random.Shared.NextDouble() * 0.4));
            await Task.Delay(jittered, _disposed.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectMaxDelay.Ticks));
        }
    }

    private void CheckTimeouts()
    {
        var deadAfter = TimeSpan.FromTicks(Math.Max(_options.CommandTimeout.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
        try
        {
            Volatile.Read(ref _current)?.CheckTimeouts(_options.CommandTimeout, deadAfter);
        }
        catch (Exception ex)
        {
            // An exception escaping a timer callback would crash the process; the next tick tries again.
            _logger.LogError(ex, "Redis timeout sweep failed");
        }
    }
}
