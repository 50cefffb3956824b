using Lifecycle.Hosting.Processes;

namespace Lifecycle.Hosting.Orchestration;

/// <summary>
/// On start: if run.json survives from an AppHost that was killed, stop the process groups it recorded
/// (only those whose leader is still the same process, or whose group outlived its leader).
/// </summary>
public static class StaleRunCleaner
{
    public static async Task<IReadOnlyList<string>> CleanAsync(string runStatePath)
    {
        if (RunStateFile.TryLoad(runStatePath) is not { } stale)
        {
            return [];
        }
        if (stale.AppHost.Pid != Environment.ProcessId && IsSameProcess(stale.AppHost))
        {
            throw new HostingStartupException(
                $"another AppHost (pid {stale.AppHost.Pid}) is running with this state directory ({Path.GetDirectoryName(runStatePath)}); stop it first");
        }
        var cleaned = new List<string>();
        foreach (var (name, process) in stale.Processes)
        {
            var leader = ProcessTable.TryRead(process.Pid);
            if (leader is not null && leader.StartTime != process.StartTime)
            {
                continue; // The PID now belongs to an unrelated process.
            }
            var group = new ProcessGroup(process.Pid);
            if (group.IsAlive)
            {
                await group.TerminateAsync(TimeSpan.FromSeconds(5));
                cleaned.Add(name);
            }
        }
        File.Delete(runStatePath);
        return cleaned;
    }

    /// <summary>True while the recorded process still runs (same PID and same kernel start time).</summary>
    public static bool IsSameProcess(RecordedProcess recorded) =>
        ProcessTable.TryRead(recorded.Pid) is { IsAlive: true } current && current.StartTime == recorded.StartTime;
}
