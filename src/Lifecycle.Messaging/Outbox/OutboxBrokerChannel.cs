using System.Collections.Concurrent;
using Lifecycle.Messaging.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// The relay's own RabbitMQ connection and channel, with publisher confirmations: a publish completes when the broker
/// confirmed it and throws when it nacks, the channel closes or the caller's token (PublishTimeout) fires. Opened on
/// first use; when the broker goes away the channel is dropped and the next publish opens a new one, so a restarted
/// broker is found again on the dispatcher's next pass. Each event type's exchanges are declared once per channel
/// before its first publish, so publishing a type nobody consumes yet does not close the channel with a 404.
/// </summary>
internal sealed class OutboxBrokerChannel(IOptions<MessagingOptions> messaging, TimeProvider time,
    ILogger<OutboxBrokerChannel> logger) : IAsyncDisposable
{
    /// <summary>After a failed connect, publishes fail at once for this long instead of each trying to connect again.</summary>
    private static readonly TimeSpan FailedConnectHold = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim opening = new(1, 1);
    private Session? session;
    private (Exception Error, long At)? failedConnect;
    private bool disposed;

    public async Task PublishAsync(EventRoute route, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var current = await OpenAsync(cancellationToken);
        try
        {
            await current.DeclareAsync(route, cancellationToken);
            // Not mandatory, as MassTransit publishes: an event no queue is bound to yet is dropped by the broker.
            await current.Channel.BasicPublishAsync(route.Exchange, "", mandatory: false, properties, body, cancellationToken);
        }
        catch when (!current.IsOpen)
        {
            Drop(current);
            throw;
        }
    }

    private async ValueTask<Session> OpenAsync(CancellationToken cancellationToken)
    {
        if (session is { IsOpen: true } open)
        {
            return open;
        }
        await opening.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (session is { IsOpen: true } opened)
            {
                return opened;
            }
            if (session is { } closed)
            {
                Drop(closed);
            }
            if (failedConnect is { } failed && time.GetElapsedTime(failed.At) < FailedConnectHold)
            {
                throw new BrokerUnavailableException(failed.Error);
            }
            try
            {
                session = await Session.OpenAsync(messaging.Value.ConnectionString, cancellationToken);
                failedConnect = null;
                return session;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failedConnect = (e, time.GetTimestamp());
                throw;
            }
        }
        finally
        {
            opening.Release();
        }
    }

    /// <summary>Forgets a closed session (once, whoever notices first) and disposes it in the background.</summary>
    private void Drop(Session closed)
    {
        if (Interlocked.CompareExchange(ref session, null, closed) == closed)
        {
            logger.LogWarning("Outbox relay channel to RabbitMQ closed ({Reason}); the next publish opens a new one", closed.CloseReason);
            _ = closed.DisposeAsync().AsTask();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await opening.WaitAsync();
        try
        {
            disposed = true;
            if (session is { } current)
            {
                session = null;
                await current.DisposeAsync();
            }
        }
        finally
        {
            opening.Release();
        }
    }

    /// <summary>Thrown while a recent connect attempt failed, so a pass of many rows makes one attempt, not one per row.</summary>
    private sealed class BrokerUnavailableException(Exception cause)
        : Exception($"RabbitMQ unreachable for the outbox relay: {cause.Message}", cause);

    /// <summary>One connection and confirm channel, and the event types whose exchanges were declared on it.</summary>
    private sealed class Session(IConnection connection, IChannel channel) : IAsyncDisposable
    {
        // Lazy: under contention GetOrAdd may build more than one value, but only the stored one ever starts declaring.
        private readonly ConcurrentDictionary<EventRoute, Lazy<Task>> declared = new();

        public IChannel Channel => channel;

        public bool IsOpen => channel.IsOpen && connection.IsOpen;

        public string CloseReason => (channel.CloseReason ?? connection.CloseReason)?.ToString() ?? "unknown";

        public static async Task<Session> OpenAsync(string connectionString, CancellationToken cancellationToken)
        {
            var factory = AmqpAddress.Parse(connectionString).CreateConnectionFactory("lifecycle-outbox-relay");
            // The relay opens a new connection itself when a publish finds this one closed.
            factory.AutomaticRecoveryEnabled = false;
            factory.TopologyRecoveryEnabled = false;
            var connection = await factory.CreateConnectionAsync(cancellationToken);
            try
            {
                // No client-side limiter (null: none at all, where the default throttles from 64 outstanding): the channel is
                // shared by every AddMessaging registration, and each dispatcher's publish pipeline already caps what it has
                // in flight (MaxPublishesInFlight).
                var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true,
                    outstandingPublisherConfirmationsRateLimiter: null);
                var channel = await connection.CreateChannelAsync(options, cancellationToken);
                return new Session(connection, channel);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        /// <summary>The route's exchanges and bindings, declared once on this channel (a failed declaration is tried again).</summary>
        public Task DeclareAsync(EventRoute route, CancellationToken cancellationToken)
        {
            var entry = declared.GetOrAdd(route, static (r, session) => new Lazy<Task>(() => session.DeclareTopologyAsync(r)), this);
            var declaring = entry.Value;
            if (declaring.IsCompletedSuccessfully)
            {
                return Task.CompletedTask;
            }
            if (declaring.IsFaulted || declaring.IsCanceled)
            {
                declared.TryRemove(KeyValuePair.Create(route, entry));
            }
            return declaring.WaitAsync(cancellationToken);
        }

        private async Task DeclareTopologyAsync(EventRoute route)
        {
            // Exactly what MassTransit's publish topology declares for the type: idempotent on the broker.
            foreach (var exchange in route.Topology.Exchanges)
            {
                await channel.ExchangeDeclareAsync(exchange.ExchangeName, exchange.ExchangeType, exchange.Durable, exchange.AutoDelete,
                    exchange.ExchangeArguments?.ToDictionary(a => a.Key, a => (object?)a.Value));
            }
            foreach (var binding in route.Topology.ExchangeBindings)
            {
                await channel.ExchangeBindAsync(binding.Destination.ExchangeName, binding.Source.ExchangeName, binding.RoutingKey,
                    binding.Arguments?.ToDictionary(a => a.Key, a => (object?)a.Value));
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await channel.DisposeAsync();
                await connection.DisposeAsync();
            }
            catch (Exception)
            {
                // Already closed by the broker or the network: nothing left to release.
            }
        }
    }
}
