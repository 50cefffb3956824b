namespace Lifecycle.Hosting.Processes;

/// <summary>Runs a short-lived tool (initdb, psql, chown) to completion and fails loudly with its output.</summary>
public static class ToolRunner
{
    public static async Task<string> RunAsync(ProcessLaunch launch, CancellationToken cancellationToken = default)
    {
        var output = new System.Text.StringBuilder();
        await using var tool = ManagedProcess.Start(launch, (line, _) =>
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        });
        int exitCode;
        using (cancellationToken.Register(tool.Kill))
        {
            exitCode = await tool.Exited;
        }
        cancellationToken.ThrowIfCancellationRequested();
        // The exit event can beat the last lines of output.
        await tool.OutputClosed.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        lock (output)
        {
            if (exitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{Path.GetFileName(launch.FileName)} exited with {exitCode}: {output.ToString().Trim()}");
            }
            return output.ToString();
        }
    }
}
