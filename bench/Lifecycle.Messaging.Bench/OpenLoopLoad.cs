namespace Lifecycle.Messaging.Bench;

/// <summary>
/// Offers units of work open loop: unit i is due at start + i·interval whatever happened to earlier ones, and is
/// handed its due time, so latency counts from when the work was due and a producer falling behind cannot hide
/// its own queueing (coordinated omission). Up to <see cref="BenchSettings.InFlight"/> units run at once, as a
/// service serves many requests at once: each slot takes the next unit, waits for its due time and commits it.
/// </summary>
public static class OpenLoopLoad
{
    public static async Task RunAsync(BenchSettings settings, Func<DateTimeOffset, int, Task> unitOfWork)
    {
        var units = settings.Events / settings.EventsPerCommit;
        var interval = settings.RatePerSecond == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)settings.EventsPerCommit / settings.RatePerSecond);
        var startedAt = TimeProvider.System.GetUtcNow();
        var start = TimeProvider.System.GetTimestamp();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, settings.InFlight).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < units; i = Interlocked.Increment(ref next))
            {
                var due = interval * i - TimeProvider.System.GetElapsedTime(start);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }
                var dueAt = settings.RatePerSecond == 0 ? TimeProvider.System.GetUtcNow() : startedAt + interval * i;
                await unitOfWork(dueAt, settings.EventsPerCommit);
            }
        }));
    }
}
