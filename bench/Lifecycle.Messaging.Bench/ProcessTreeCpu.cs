using System.Globalization;
using Lifecycle.Contacts.Bench;

namespace Lifecycle.Messaging.Bench;

/// <summary>
/// CPU time used by this process and the servers it started (PostgreSQL backends, RabbitMQ), read from /proc, so a
/// scenario can say how many core-milliseconds one event costs in each: on a machine of N cores, N·1000 divided by
/// the total is the most events per second the pipeline could sustain however its stages are scheduled.
/// </summary>
public sealed class ProcessTreeCpu
{
    private readonly Dictionary<string, double> startedAt = Sample();

    /// <summary>Core-milliseconds since construction per process family ("bench", "postgres", "rabbitmq"); empty off Linux.</summary>
    public IReadOnlyDictionary<string, double> Elapsed()
    {
        var now = Sample();
        return now.ToDictionary(kv => kv.Key, kv => kv.Value - startedAt.GetValueOrDefault(kv.Key));
    }

    public static string Describe(IReadOnlyDictionary<string, double> elapsedMs, int events) =>
        elapsedMs.Count == 0 ? "n/a" : string.Join(", ", elapsedMs.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value / events:0.00}"))
            .Append(string.Create(CultureInfo.InvariantCulture, $"total {elapsedMs.Values.Sum() / events:0.00}")));

    private static Dictionary<string, double> Sample()
    {
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!Directory.Exists("/proc"))
        {
            return totals;
        }
        var self = Environment.ProcessId;
        var stats = new Dictionary<int, ProcessStat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ProcessCpu.Stat(pid) is { } stat)
            {
                stats[pid] = stat;
            }
        }
        var children = stats.ToLookup(s => s.Value.Parent, s => (Pid: s.Key, s.Value.Name));
        var pending = new Stack<(int Pid, string Family)>();
        pending.Push((self, "bench"));
        while (pending.TryPop(out var next))
        {
            foreach (var child in children[next.Pid])
            {
                pending.Push((child.Pid, Family(child.Name, next.Family)));
            }
            if (stats.TryGetValue(next.Pid, out var process))
            {
                // Reaped children count too: a closed PostgreSQL backend's time is then its parent's.
                var ms = (process.OwnTicks + process.ReapedChildTicks) * 1000 / ProcessStat.TicksPerSecond;
                totals[next.Family] = totals.GetValueOrDefault(next.Family) + ms;
            }
        }
        return totals;
    }

    private static string Family(string name, string parentFamily) =>
        name.StartsWith("postgres", StringComparison.Ordinal) ? "postgres"
        : name.StartsWith("beam", StringComparison.Ordinal) || name.StartsWith("erl", StringComparison.Ordinal) || name.Contains("rabbit", StringComparison.Ordinal) ? "rabbitmq"
        : parentFamily == "bench" ? "other" : parentFamily;
}
