using System.Text.Json;
using Lifecycle.Hosting.Processes;

namespace Lifecycle.Hosting.Orchestration;

/// <summary>A process we started, identified beyond its PID (the start time guards against PID reuse).</summary>
public sealed record RecordedProcess(int Pid, long StartTime);

/// <summary>Contents of .lifecycle/run.json: the AppHost and every process group it currently owns.</summary>
public sealed record RunState(RecordedProcess AppHost, Dictionary<string, RecordedProcess> Processes);

/// <summary>
/// Keeps .lifecycle/run.json current while running, so that if this AppHost is killed (SIGKILL, a closed
/// terminal) the next start can find and stop the process groups it left behind.
/// </summary>
public sealed class RunStateFile(string path)
{
    private readonly Lock gate = new();
    private RunState? state;

    public string Path { get; } = path;

    public void Begin()
    {
        var self = Environment.ProcessId;
        lock (gate)
        {
            state = new RunState(new RecordedProcess(self, ProcessTable.TryRead(self)?.StartTime ?? 0), []);
            Save();
        }
    }

    public void Record(string instance, ManagedProcess process)
    {
        lock (gate)
        {
            if (state is not null)
            {
                state.Processes[instance] = new RecordedProcess(process.Pid, process.StartTime);
                Save();
            }
        }
    }

    public void Forget(string instance)
    {
        lock (gate)
        {
            if (state?.Processes.Remove(instance) == true)
            {
                Save();
            }
        }
    }

    /// <summary>A clean stop leaves no run.json: its presence at start means the last run was killed.</summary>
    public void Delete()
    {
        lock (gate)
        {
            state = null;
            File.Delete(Path);
        }
    }

    public static RunState? TryLoad(string path)
    {
        try
        {
            var state = JsonSerializer.Deserialize<RunState>(File.ReadAllText(path), JsonDefaults.Indented);
            return state is { AppHost: not null, Processes: not null } ? state : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    private void Save()
    {
        if (state is null)
        {
            return;
        }
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        AtomicFile.Write(Path, JsonSerializer.Serialize(state, JsonDefaults.Indented));
    }
}
