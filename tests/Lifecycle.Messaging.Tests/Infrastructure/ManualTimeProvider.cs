namespace Lifecycle.Messaging.Tests.Infrastructure;

/// <summary>A clock a test moves forward; timers stay real, so only what reads "now" (retention, backoff) is affected.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
