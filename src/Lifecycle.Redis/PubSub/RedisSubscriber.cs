using Lifecycle.Redis.Connection;
using Lifecycle.Redis.Protocol;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Redis.PubSub;

/// <summary>
/// Pub/sub connection: its own socket (a subscribed RESP2 connection cannot run other commands),
/// with every subscription re-sent after a reconnect.
/// </summary>
internal sealed class RedisSubscriber : ISubscriber, IAsyncDisposable
{
    private readonly SubscriptionRegistry _registry = new();
    private readonly ConnectionManager _manager;
    private readonly ILogger _logger;

    public RedisSubscriber(RedisConnectionOptions options, ILogger logger)
    {
        _logger = logger;
        // RESP2 on purpose: subscribe confirmations are then ordinary replies and messages are told apart by their kind.
        _manager = new ConnectionManager(options, RedisProtocol.Resp2, TryDispatchMessage, logger);
        _manager.Connected += ResubscribeAll;
        _manager.ConnectInBackground();
    }

    public bool IsConnected => _manager.IsConnected;

    public async Task SubscribeAsync(RedisChannel channel, Action<RedisChannel, RedisValue> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!_registry.Add(channel, handler) && _manager.IsConnected)
        {
            return;
        }

        try
        {
            await _manager.WaitUntilConnectedAsync(_manager.Options.ConnectTimeout).ConfigureAwait(false);
            await SendSubscribe(channel).ConfigureAwait(false);
        }
        catch
        {
            _registry.Remove(channel, handler);
            throw;
        }
    }

    public async Task UnsubscribeAsync(RedisChannel channel)
    {
        _registry.RemoveAll(channel);
        if (_manager.IsConnected)
        {
            var command = channel.IsPattern ? RedisCommands.PUnsubscribe : RedisCommands.Unsubscribe;
            await _manager.ExecuteAsync(command, ReplyConverters.Raw, channel.Name).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => _manager.DisposeAsync();

    private Task<RedisResult> SendSubscribe(RedisChannel channel) =>
        _manager.ExecuteAsync(channel.IsPattern ? RedisCommands.PSubscribe : RedisCommands.Subscribe, ReplyConverters.Raw, channel.Name);

    private void ResubscribeAll()
    {
        foreach (var channel in _registry.Channels)
        {
            SendSubscribe(channel).ContinueWith(
                failed => _logger.LogWarning(failed.Exception, "Resubscribing to {Channel} failed; will retry on the next reconnect", channel.Name),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);
        }
    }

    /// <summary>Recognises message / pmessage frames; everything else is a reply to a (un)subscribe command.</summary>
    private bool TryDispatchMessage(RedisResult frame)
    {
        if (frame.Type is not (RedisResultType.Array or RedisResultType.Push) || frame.Items.Count < 3)
        {
            return false;
        }

        var items = frame.Items;
        if (items[0].IsText("message"u8))
        {
            var channel = RedisChannel.Literal(items[1].ToString()!);
            Deliver(channel, channel, items[2].AsValue());
            return true;
        }

        if (items[0].IsText("pmessage"u8) && items.Count >= 4)
        {
            Deliver(RedisChannel.Pattern(items[1].ToString()!), RedisChannel.Literal(items[2].ToString()!), items[3].AsValue());
            return true;
        }

        return false;
    }

    private void Deliver(RedisChannel subscription, RedisChannel channel, RedisValue message)
    {
        foreach (var handler in _registry.HandlersFor(subscription))
        {
            try
            {
                handler(channel, message);
            }
            catch (Exception ex)
            {
                // One faulty handler must not stop the reader (and with it every other subscription).
                _logger.LogError(ex, "Pub/sub handler for {Channel} threw", subscription.Name);
            }
        }
    }
}
