namespace Lifecycle.Contacts.Bench;

/// <summary>
/// CPU seconds (user + system) a process has used so far, from /proc/&lt;pid&gt;/stat: a cost per event that holds on
/// a shared machine, where wall-clock throughput swings with everybody else's load.
/// </summary>
public static class ProcessCpu
{
    // USER_HZ: the unit of utime/stime; 100 on every Linux kernel configuration in practice.
    private const double TicksPerSecond = 100;

    /// <summary>The process's CPU seconds, or null when it cannot be read (no such pid, not Linux).</summary>
    public static double? Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // utime and stime are fields 14 and 15 of the whole line, so 11 and 12 after the name (state is 0).
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond;
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
