using System.Globalization;

namespace Lifecycle.Redis.Bench;

/// <summary>
/// Counters redis-server keeps about itself (<c>INFO</c>): its CPU time, which with 2 cores shared by the server
/// and the client shows how much of a core is left for the client, and how many socket reads it took to
/// receive the commands, which shows how well the client batches its writes.
/// </summary>
internal readonly record struct ServerCounters(TimeSpan Cpu, long Reads, long Commands)
{
    public static async Task<ServerCounters> ReadAsync(IRedisDatabase db)
    {
        var cpu = await ReadFieldsAsync(db, "cpu");
        var stats = await ReadFieldsAsync(db, "stats");
        return new ServerCounters(
            TimeSpan.FromSeconds(double.Parse(cpu["used_cpu_sys"], CultureInfo.InvariantCulture) + double.Parse(cpu["used_cpu_user"], CultureInfo.InvariantCulture)),
            long.Parse(stats["total_reads_processed"], CultureInfo.InvariantCulture),
            long.Parse(stats["total_commands_processed"], CultureInfo.InvariantCulture));
    }

    public static ServerCounters operator -(ServerCounters after, ServerCounters before) =>
        new(after.Cpu - before.Cpu, after.Reads - before.Reads, after.Commands - before.Commands);

    private static async Task<Dictionary<string, string>> ReadFieldsAsync(IRedisDatabase db, string section)
    {
        var info = (await db.ExecuteAsync("INFO", section)).ToString() ?? "";
        return info.Split('\n', StringSplitOptions.TrimEntries)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1]);
    }
}
