using System.Text;

namespace Lifecycle.Hosting.Orchestration;

/// <summary>The console table: one line per instance with its state and URLs.</summary>
public static class ResourceTable
{
    public static string Format(IEnumerable<ResourceSnapshot> snapshots)
    {
        var rows = snapshots.Select(s => (s.Name, State: s.ExitCode is { } code && s.State == ResourceState.Failed ? $"Failed ({code})" : $"{s.State}",
            Urls: string.Join(", ", s.Endpoints.Select(e => $"{e.Key}={e.Value}")))).ToList();
        var nameWidth = Math.Max(8, rows.Max(r => r.Name.Length) + 2);
        var stateWidth = Math.Max(7, rows.Max(r => r.State.Length) + 2);
        var table = new StringBuilder();
        table.AppendLine($"{"RESOURCE".PadRight(nameWidth)}{"STATE".PadRight(stateWidth)}URL");
        foreach (var row in rows)
        {
            table.AppendLine($"{row.Name.PadRight(nameWidth)}{row.State.PadRight(stateWidth)}{row.Urls}");
        }
        return table.ToString();
    }
}
