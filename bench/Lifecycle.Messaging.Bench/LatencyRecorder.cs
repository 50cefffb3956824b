using System.Collections.Concurrent;
using Lifecycle.Contracts.Events;
using MassTransit;

namespace Lifecycle.Messaging.Bench;

/// <summary>
/// Commit-to-applied latency of every event (taken after the consumer's inbox transaction committed), and when
/// the last one was applied.
/// </summary>
public sealed class LatencyRecorder(TimeProvider time) : IConsumeObserver
{
    private readonly ConcurrentQueue<double> milliseconds = new();
    private long lastApplied;

    public int Count => milliseconds.Count;

    public DateTimeOffset LastApplied => new(Interlocked.Read(ref lastApplied), TimeSpan.Zero);

    private void Record(DateTimeOffset occurredAt)
    {
        var now = time.GetUtcNow();
        milliseconds.Enqueue((now - occurredAt).TotalMilliseconds);
        Interlocked.Exchange(ref lastApplied, now.UtcTicks);
    }

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (context.Message is IntegrationEvent applied)
        {
            Record(applied.OccurredAt);
        }
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;

    /// <summary>The p-quantile of the latencies recorded after the first <paramref name="skip"/> (the warm-up).</summary>
    public double Percentile(double p, int skip)
    {
        var sorted = milliseconds.Skip(skip).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
