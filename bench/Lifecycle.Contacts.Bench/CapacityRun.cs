using System.Diagnostics;
using Grpc.Net.Client;
using Lifecycle.Orders.Bench;

namespace Lifecycle.Contacts.Bench;

/// <summary>
/// How many OrderPaid events per second the contacts service applies end to end (consumed, committed, snapshot
/// rebuilt, written and announced, seen by a watcher) when it is never idle: a backlog published at once. Beside the
/// wall-clock rate, which moves with whatever else runs on the machine, it reports the contacts process's CPU time
/// per event (what a change to the pipeline actually saves) and the share of the machine the run had.
/// </summary>
public static class CapacityRun
{
    public static async Task<int> RunAsync(GrpcChannel channel, Uri amqp, int events, int contactCount, int? contactsPid)
    {
        var contacts = await BenchContacts.CreateAsync(channel, contactCount);
        var cpuBefore = contactsPid is { } pid ? ProcessCpu.Seconds(pid) : null;
        var machineBefore = ProcessCpu.MachineBusySeconds();
        var driverBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var result = await FreshnessRun.RunAsync(channel, amqp, contacts, rate: 0, events);
        var cpuAfter = contactsPid is { } p ? ProcessCpu.Seconds(p) : null;
        var machineAfter = ProcessCpu.MachineBusySeconds();
        var driverSeconds = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - driverBefore;

        // The measured window runs past the drain by the watcher shutdown: small beside a backlog of several seconds.
        var applied = result.Visible.Count;
        Console.WriteLine($"capacity: {result.Published} events published in {result.PublishSeconds:F1} s, {applied} visible after " +
            $"{result.DrainedSeconds:F1} s ({applied / result.DrainedSeconds:F0}/s), {result.Lost} never visible, {result.PublishErrors} publish errors");
        Report.Line("events_published", result.Published);
        Report.Line("publish_seconds", result.PublishSeconds);
        Report.Line("visible", applied);
        Report.Line("never_visible", result.Lost);
        Report.Line("publish_errors", result.PublishErrors);
        Report.Line("drained_seconds", result.DrainedSeconds);
        Report.Line("applied_per_s", applied / result.DrainedSeconds);
        Report.Line("snapshot_versions_seen", result.Versions - contactCount);
        Report.Line("freshness_p50_ms", Percentiles.Of(result.Millis, 50));
        Report.Line("freshness_p95_ms", Percentiles.Of(result.Millis, 95));
        if (cpuBefore is { } before && cpuAfter is { } after && applied > 0)
        {
            Report.Line("contacts_cpu_ms_per_event", (after - before) * 1000 / applied);
        }
        Report.Line("driver_cpu_ms_per_event", driverSeconds * 1000 / Math.Max(1, applied));
        if (machineBefore is { } mb && machineAfter is { } ma)
        {
            // Busy cores over the run (2.0 = both cores of this machine busy): how contended the run was.
            Report.Line("machine_busy_cores", (ma - mb) / result.DrainedSeconds);
        }
        return result.Lost == 0 && result.PublishErrors == 0 ? 0 : 1;
    }
}
