using Lifecycle.Hosting.Processes;

namespace Lifecycle.Testing;

/// <summary>Finds live processes whose command line or environment mentions a path: orphans of a test's state dir.</summary>
public static class ProcessScan
{
    public static IReadOnlyList<int> Referencing(string path) =>
        ProcessTable.Snapshot()
            .Where(p => p.IsAlive && p.Pid != Environment.ProcessId && (Mentions($"/proc/{p.Pid}/cmdline", path) || Mentions($"/proc/{p.Pid}/environ", path)))
            .Select(p => p.Pid)
            .ToList();

    private static bool Mentions(string procFile, string path)
    {
        try
        {
            return File.ReadAllText(procFile).Contains(path, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
