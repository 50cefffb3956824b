using System.Globalization;

namespace Lifecycle.Messaging.Bench;

/// <summary>
/// CPU time used by this process and the servers it started (PostgreSQL backends, RabbitMQ), read from /proc, so a
/// scenario can say how many core-milliseconds one event costs in each: on a machine of N cores, N·1000 divided by
/// the total is the most events per second the pipeline could sustain however its stages are scheduled.
/// </summary>
public sealed class ProcessTreeCpu
{
    private static readonly double TicksPerMs = 100 / 1000.0; // USER_HZ is 100 on Linux
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
        var stats = new List<(int Pid, int Parent, string Name, double Ms)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || Read(pid) is not { } stat)
            {
                continue;
            }
            stats.Add((pid, stat.Parent, stat.Name, stat.Ms));
        }
        var children = stats.ToLookup(s => s.Parent);
        var pending = new Stack<(int Pid, string Family)>();
        pending.Push((self, "bench"));
        while (pending.TryPop(out var next))
        {
            foreach (var child in children[next.Pid])
            {
                pending.Push((child.Pid, Family(child.Name, next.Family)));
            }
            if (stats.FirstOrDefault(s => s.Pid == next.Pid) is { Pid: > 0 } process)
            {
                totals[next.Family] = totals.GetValueOrDefault(next.Family) + process.Ms;
            }
        }
        return totals;
    }

    private static string Family(string name, string parentFamily) =>
        name.StartsWith("postgres", StringComparison.Ordinal) ? "postgres"
        : name.StartsWith("beam", StringComparison.Ordinal) || name.StartsWith("erl", StringComparison.Ordinal) || name.Contains("rabbit", StringComparison.Ordinal) ? "rabbitmq"
        : parentFamily == "bench" ? "other" : parentFamily;

    private static (int Parent, string Name, double Ms)? Read(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var open = text.IndexOf('(', StringComparison.Ordinal);
            var close = text.LastIndexOf(')');
            var fields = text[(close + 2)..].Split(' ');
            // After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14); the children's part is
            // what ended processes (a closed PostgreSQL backend) used once their parent reaped them.
            var ticks = fields.Skip(11).Take(4).Sum(f => double.Parse(f, CultureInfo.InvariantCulture));
            return (int.Parse(fields[1], CultureInfo.InvariantCulture), text[(open + 1)..close], ticks / TicksPerMs);
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
    }
}
