using System.Runtime;

namespace Lifecycle.Messaging.Bench;

/// <summary>
/// Offers load at the run's rate until tiered compilation has settled, so the measured run is the steady state a
/// long-running service is in. A fixed 10,000 events (5 s at 2,000/s) was not enough: tiering (tier 0, instrumented,
/// tier 1) was still recompiling 2,000–3,000 methods during the measured 10 s, a quarter of the process's CPU in a
/// profile, for the baseline and the outbox scenarios alike. Rounds continue while a round still compiles more than
/// <see cref="SettledMethodsPerThousandEvents"/> methods per 1,000 events, up to <see cref="BenchSettings.WarmUpMaxEvents"/>.
/// </summary>
public static class WarmUp
{
    /// <summary>A settled round compiles at most this many methods per 1,000 events (measured runs after a 30 s warm-up: ~5).</summary>
    public const int SettledMethodsPerThousandEvents = 10;

    /// <summary>Runs the warm-up; every event it offered is applied before it returns.</summary>
    public static async Task RunAsync(BenchSettings settings, Func<DateTimeOffset, int, Task> unitOfWork, Func<int, Task> waitForApplied, string label)
    {
        var offered = 0;
        var round = settings.WarmUpEvents;
        long compiled;
        bool settled;
        do
        {
            var before = JitInfo.GetCompiledMethodCount();
            await OpenLoopLoad.RunAsync(settings with { Events = round }, unitOfWork);
            offered += round;
            await waitForApplied(offered);
            compiled = JitInfo.GetCompiledMethodCount() - before;
            settled = compiled * 1_000 <= (long)SettledMethodsPerThousandEvents * round;
            round = LaterRoundEvents(settings);
        }
        while (!settled && offered < settings.WarmUpMaxEvents);
        Console.WriteLine($"[{label}] warmed up with {offered} events{(settled ? "" : " (the most allowed, --warmup-max-events)")}; its last round compiled {compiled} methods");
    }

    /// <summary>Rounds after the first are 5 s of load each (10,000 events when offered as fast as possible).</summary>
    private static int LaterRoundEvents(BenchSettings settings) =>
        settings.RatePerSecond == 0 ? 10_000 : Math.Max(settings.EventsPerCommit, settings.RatePerSecond * 5 / settings.EventsPerCommit * settings.EventsPerCommit);
}
