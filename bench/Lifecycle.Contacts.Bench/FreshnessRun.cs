using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Contracts.Events;
using Lifecycle.Orders.Bench;
using MassTransit;

namespace Lifecycle.Contacts.Bench;

/// <summary>
/// Event → snapshot freshness: OrderPaid events published on RabbitMQ at a steady rate (open loop, round robin over
/// the contacts, as the orders service's outbox would publish them), each contact watched through
/// WatchCustomerSnapshot. An event's freshness is from its due time to the first snapshot version that includes it,
/// so a publisher or consumer that falls behind shows up as latency. With no rate (capacity), every event is published
/// as fast as the client can and is due when its publish starts: the run then measures how fast the service applies a
/// backlog.
/// </summary>
public static class FreshnessRun
{
    private const long AmountMinor = 100;

    /// <param name="DrainedSeconds">From the first publish until every event was visible (or the drain deadline).</param>
    /// <param name="Versions">Snapshot versions the watchers received (a version may cover several events).</param>
    /// <param name="Started">When the first event was due (Stopwatch timestamp).</param>
    public sealed record Result(int Published, double PublishSeconds, int PublishErrors, List<Visibility> Visible, int Lost, double DrainedSeconds, long Versions, long Started)
    {
        public List<double> Millis => Visible.ConvertAll(v => v.Millis);

        /// <summary>Freshness of the events due before <paramref name="seconds"/> into the run (a warm-up) and of those after.</summary>
        public (List<double> WarmUp, List<double> Measured) Split(double seconds)
        {
            var warmUp = Visible.ToLookup(v => Stopwatch.GetElapsedTime(Started, v.DueTimestamp).TotalSeconds < seconds, v => v.Millis);
            return ([.. warmUp[true]], [.. warmUp[false]]);
        }

        /// <summary>Per second of due time: events, p50, p95 and max freshness — shows whether delay is steady or in bursts.</summary>
        public IEnumerable<string> Timeline() => Visible
            .GroupBy(v => (int)Stopwatch.GetElapsedTime(Started, v.DueTimestamp).TotalSeconds)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var millis = g.Select(v => v.Millis).ToList();
                return FormattableString.Invariant(
                    $"second {g.Key,3}: {millis.Count,5} events, p50 {Percentiles.Of(millis, 50),7:F0} ms, p95 {Percentiles.Of(millis, 95),7:F0} ms, max {Percentiles.Of(millis, 100),7:F0} ms");
            });
    }

    /// <param name="rate">Events per second, or 0 to publish them all at once.</param>
    public static async Task<Result> RunAsync(GrpcChannel channel, Uri amqp, IReadOnlyList<string> contactIds, int rate, int total)
    {
        var visible = new List<Visibility>();
        var trackers = contactIds.ToDictionary(id => id, _ => new ContactRevenueTracker());
        using var stopWatching = new CancellationTokenSource();
        var snapshots = new SnapshotService.SnapshotServiceClient(channel);
        var firstVersions = contactIds.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var watchers = contactIds.Select((id, i) => WatchAsync(snapshots, id, trackers[id], firstVersions[i], visible, stopWatching.Token)).ToList();
        await Task.WhenAll(firstVersions.Select(f => f.Task)).WaitAsync(TimeSpan.FromSeconds(60));

        var bus = Bus.Factory.CreateUsingRabbitMq(configure => configure.Host(amqp.Host, (ushort)amqp.Port, "/", host =>
        {
            host.Username("guest");
            host.Password("guest");
        }));
        await bus.StartAsync();
        var publishErrors = 0;
        var publishes = new List<Task>(total);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = rate > 0 ? started + (long)(i * (double)Stopwatch.Frequency / rate) : Stopwatch.GetTimestamp();
            while (Stopwatch.GetTimestamp() < due)
            {
                await Task.Delay(1);
            }
            var contactId = contactIds[i % contactIds.Count];
            trackers[contactId].Expect(AmountMinor, due);
            var paid = new OrderPaid
            {
                AggregateId = $"fresh-{Guid.NewGuid():N}",
                AggregateVersion = 2,
                ContactId = contactId,
                AmountMinor = AmountMinor,
                Currency = "EUR",
            };
            publishes.Add(PublishAsync(bus, paid, () => Interlocked.Increment(ref publishErrors)));
        }
        await Task.WhenAll(publishes);
        var publishSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var drainDeadline = Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency;
        while (trackers.Values.Any(t => t.Pending > 0) && Stopwatch.GetTimestamp() < drainDeadline)
        {
            await Task.Delay(20);
        }
        var drainedSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await stopWatching.CancelAsync();
        await Task.WhenAll(watchers);
        await bus.StopAsync();
        return new Result(total, publishSeconds, publishErrors, visible, trackers.Values.Sum(t => t.Pending), drainedSeconds,
            trackers.Values.Sum(t => t.Versions), started);
    }

    private static async Task PublishAsync(IBusControl bus, OrderPaid paid, Action onError)
    {
        try
        {
            // Message id = event id, as the outbox relay sends it (the consumer's inbox dedupes on it).
            await bus.Publish(paid, context => context.MessageId = paid.EventId);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            onError();
        }
    }

    private static async Task WatchAsync(SnapshotService.SnapshotServiceClient snapshots, string contactId, ContactRevenueTracker tracker,
        TaskCompletionSource firstVersion, List<Visibility> visible, CancellationToken stop)
    {
        try
        {
            using var call = snapshots.WatchCustomerSnapshot(new WatchCustomerSnapshotRequest { ContactId = contactId }, cancellationToken: stop);
            await foreach (var update in call.ResponseStream.ReadAllAsync(stop))
            {
                tracker.Observe(update.Snapshot.Value?.RevenueMinor ?? 0, Stopwatch.GetTimestamp(), visible);
                firstVersion.TrySetResult();
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled || stop.IsCancellationRequested)
        {
        }
        catch (OperationCanceledException)
        {
        }
    }
}
