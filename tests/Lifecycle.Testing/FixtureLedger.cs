using System.Text.Json;
using Lifecycle.Hosting.Orchestration;
using Lifecycle.Hosting.Processes;

namespace Lifecycle.Testing;

/// <summary>
/// A machine-wide list of fixture servers and the test process that owns each. Dispose stops a server,
/// but a test host that is killed (timeout, crash) never disposes: the next fixture start, in any test
/// process, stops the servers whose owner is gone.
/// </summary>
internal static class FixtureLedger
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "lifecycle-fixtures");

    public static async Task ReapOrphansAsync()
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }
        foreach (var entry in Directory.EnumerateFiles(Folder, "*.json"))
        {
            if (RunStateFile.TryLoad(entry) is { } owned && !StaleRunCleaner.IsSameProcess(owned.AppHost))
            {
                await StaleRunCleaner.CleanAsync(entry);
            }
        }
    }

    /// <summary>Records a started server; returns the entry to delete once it is stopped.</summary>
    public static string Record(string kind, ManagedProcess server)
    {
        Directory.CreateDirectory(Folder);
        var self = Environment.ProcessId;
        var owner = new RecordedProcess(self, ProcessTable.TryRead(self)?.StartTime ?? 0);
        var entry = Path.Combine(Folder, $"{kind}-{server.Pid}.json");
        var state = new RunState(owner, new() { [kind] = new RecordedProcess(server.Pid, server.StartTime) });
        File.WriteAllText(entry, JsonSerializer.Serialize(state));
        return entry;
    }
}
