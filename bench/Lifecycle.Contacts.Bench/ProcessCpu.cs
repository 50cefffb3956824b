using System.Globalization;

namespace Lifecycle.Contacts.Bench;

/// <summary>
/// CPU seconds (user + system) a process has used so far, from /proc/&lt;pid&gt;/stat: a cost per event that holds on
/// a shared machine, where wall-clock throughput swings with everybody else's load.
/// </summary>
public static class ProcessCpu
{
    private const double TicksPerSecond = ProcessStat.TicksPerSecond;

    /// <summary>The process's CPU seconds, or null when it cannot be read (no such pid, not Linux).</summary>
    public static double? Seconds(int pid) => Stat(pid) is { } stat ? stat.OwnTicks / TicksPerSecond : null;

    /// <summary>One process's /proc/&lt;pid&gt;/stat, or null when it cannot be read (ended meanwhile, not Linux).</summary>
    public static ProcessStat? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not. After it:
            // state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
            var fields = stat[(close + 2)..].Split(' ');
            long Ticks(int field) => long.Parse(fields[field], CultureInfo.InvariantCulture);
            return new ProcessStat(int.Parse(fields[1], CultureInfo.InvariantCulture), stat[(open + 1)..close], Ticks(11) + Ticks(12), Ticks(13) + Ticks(14));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Busy CPU seconds of the whole machine (all cores; everything but idle and iowait), from /proc/stat.</summary>
    public static double? MachineBusySeconds()
    {
        try
        {
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            // user nice system idle iowait irq softirq steal ...
            return (cpu.Take(8).Sum() - cpu[3] - cpu[4]) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}

/// <param name="OwnTicks">User + system time of the process itself, in USER_HZ ticks.</param>
/// <param name="ReapedChildTicks">What its ended children used once it reaped them (a closed PostgreSQL backend).</param>
public readonly record struct ProcessStat(int Parent, string Name, long OwnTicks, long ReapedChildTicks)
{
    public const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux kernel configuration in practice
}
