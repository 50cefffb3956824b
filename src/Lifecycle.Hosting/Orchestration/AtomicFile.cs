namespace Lifecycle.Hosting.Orchestration;

/// <summary>Write-then-rename, so readers (tools, tests, the next AppHost) never see half a file.</summary>
internal static class AtomicFile
{
    public static void Write(string path, string contents)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, contents);
        File.Move(temporary, path, overwrite: true);
    }
}
