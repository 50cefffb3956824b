using System.Globalization;

namespace Lifecycle.Messaging.Bench;

/// <summary>
/// With --timeline: prints each second how many events were committed, relayed and applied in that second and how
/// many wait between stages, so a stage that falls behind is visible while the run goes on, not only at its end; and
/// the CPU this process and its servers used in that second (core-ms; the machine has 1000 per core per second).
/// </summary>
public sealed class StageTimeline(StageCounters counters, string scenario) : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private Task? sampling;

    public void Start() => sampling = SampleAsync(stop.Token);

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine($"[{scenario}] second: committed/s relayed/s applied/s | awaiting relay, awaiting consumer | CPU core-ms: bench postgres rabbitmq");
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var (committed, relayed, applied, second) = (counters.Committed, counters.Relayed, counters.Applied, 0);
        var cpu = new ProcessTreeCpu();
        IReadOnlyDictionary<string, double> used = new Dictionary<string, double>();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var (c, r, a) = (counters.Committed, counters.Relayed, counters.Applied);
                var now = cpu.Elapsed();
                double Used(string family) => now.GetValueOrDefault(family) - used.GetValueOrDefault(family);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{scenario}] {++second,3}: {c - committed,6} {r - relayed,6} {a - applied,6} | {c - r,6} {r - a,6} | {Used("bench"),5:0} {Used("postgres"),5:0} {Used("rabbitmq"),5:0}"));
                used = now;
                (committed, relayed, applied) = (c, r, a);
            }
        }
        catch (OperationCanceledException)
        {
            // The scenario ended.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (sampling is not null)
        {
            await sampling;
        }
        stop.Dispose();
    }
}
