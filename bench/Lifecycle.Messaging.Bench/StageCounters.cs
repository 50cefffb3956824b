using Lifecycle.Messaging.Outbox;

namespace Lifecycle.Messaging.Bench;

/// <summary>
/// Events through each stage of one scenario: committed by the producers, relayed (confirmed by the broker, before
/// being marked sent) and applied by the consumer, each with when its last event passed. Comparing the stages' end
/// times and rates shows which one caps the run: the producers, the relay or the consumer.
/// </summary>
public sealed class StageCounters(LatencyRecorder applied) : IOutboxRelayObserver
{
    public LatencyRecorder Latencies => applied;

    private readonly Stage committed = new();
    private readonly Stage relayed = new();

    public long Committed => committed.Count;

    public long Relayed => relayed.Count;

    public long Applied => applied.Count;

    public DateTimeOffset LastCommitted => committed.Last;

    public DateTimeOffset LastRelayed => relayed.Last;

    public DateTimeOffset LastApplied => applied.LastApplied;

    public void OnCommitted(int events) => committed.Add(events);

    /// <summary>The baseline has no outbox: a publish whose confirm returned is committed and relayed at once.</summary>
    public void OnPublished(int events)
    {
        committed.Add(events);
        relayed.Add(events);
    }

    public Task BatchPublishedAsync(IReadOnlyList<OutboxMessage> published, CancellationToken cancellationToken)
    {
        relayed.Add(published.Count);
        return Task.CompletedTask;
    }

    private sealed class Stage
    {
        private long count;
        private long lastTicks;

        public long Count => Interlocked.Read(ref count);

        public DateTimeOffset Last => new(Interlocked.Read(ref lastTicks), TimeSpan.Zero);

        public void Add(int events)
        {
            Interlocked.Add(ref count, events);
            Interlocked.Exchange(ref lastTicks, TimeProvider.System.GetUtcNow().UtcTicks);
        }
    }
}
