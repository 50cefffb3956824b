namespace Lifecycle.Hosting.Orchestration;

/// <summary>
/// Exponential restart delay (0.5 s doubling to 30 s) so a service that crashes on start does not spin;
/// a run that stayed up for a minute counts as recovered and resets the delay.
/// </summary>
internal sealed class RestartBackoff
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Maximum = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableRun = TimeSpan.FromMinutes(1);
    private TimeSpan next = Initial;

    public TimeSpan NextDelay(TimeSpan lastRunLength)
    {
        if (lastRunLength >= StableRun)
        {
            next = Initial;
        }
        var delay = next;
        next = TimeSpan.FromTicks(Math.Min(next.Ticks * 2, Maximum.Ticks));
        return delay;
    }
}
