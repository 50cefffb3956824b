using System.Globalization;

namespace Lifecycle.Hosting.Processes;

/// <summary>One row of /proc: enough to find process groups, descendants and reused PIDs.</summary>
public sealed record ProcessEntry(int Pid, int ParentPid, int ProcessGroupId, char State, long StartTime)
{
    /// <summary>Zombies are already dead; only their parent has not reaped them yet.</summary>
    public bool IsAlive => State is not ('Z' or 'X');
}

/// <summary>Reads the live process table from /proc (Linux only).</summary>
public static class ProcessTable
{
    public static IReadOnlyList<ProcessEntry> Snapshot()
    {
        var entries = new List<ProcessEntry>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && TryRead(pid) is { } entry)
            {
                entries.Add(entry);
            }
        }
        return entries;
    }

    public static ProcessEntry? TryRead(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // The command name is in parentheses and may itself contain spaces or ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return new ProcessEntry(
            pid,
            ParentPid: int.Parse(fields[1], CultureInfo.InvariantCulture),
            ProcessGroupId: int.Parse(fields[2], CultureInfo.InvariantCulture),
            State: fields[0][0],
            StartTime: long.Parse(fields[19], CultureInfo.InvariantCulture));
    }

    /// <summary>Live members of a process group (the group survives its leader).</summary>
    public static IReadOnlyList<ProcessEntry> GroupMembers(int processGroupId) =>
        Snapshot().Where(p => p.ProcessGroupId == processGroupId && p.IsAlive).ToList();

    /// <summary>Every live descendant of <paramref name="pid"/>, found by walking parent links.</summary>
    public static IReadOnlyList<ProcessEntry> Descendants(int pid)
    {
        var all = Snapshot();
        var found = new List<ProcessEntry>();
        var frontier = new Queue<int>([pid]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var child in all.Where(p => p.ParentPid == parent && p.IsAlive))
            {
                found.Add(child);
                frontier.Enqueue(child.Pid);
            }
        }
        return found;
    }
}
