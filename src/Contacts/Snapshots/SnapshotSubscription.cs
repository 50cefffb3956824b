using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Redis;

namespace Lifecycle.Contacts.Snapshots;

/// <summary>Subscribes this replica to "snapshot-changed" (re-subscribed by the client after reconnects) and feeds local watchers and the local snapshot copy.</summary>
public sealed class SnapshotSubscription(ISubscriber subscriber, SnapshotWatchers watchers, ILogger<SnapshotSubscription> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await subscriber.SubscribeAsync(RedisChannel.Literal(SnapshotCache.ChangedChannel), (_, message) =>
                {
                    var snapshot = CustomerSnapshot.Parser.ParseFrom((byte[])message!);
                    // Announced after the Redis write; Publish updates the local copy before the watchers.
                    watchers.Publish(snapshot);
                });
                return;
            }
            catch (RedisException e)
            {
                // Redis is down at start: keep trying; watchers still get this replica's own changes meanwhile.
                logger.LogWarning("Snapshot subscription failed ({Error}); retrying in {Delay}", e.Message, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }
}
