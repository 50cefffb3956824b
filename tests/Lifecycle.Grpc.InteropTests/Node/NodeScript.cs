using System.Diagnostics;
using System.Text;

namespace Lifecycle.Grpc.InteropTests.Node;

/// <summary>Runs one script of tests/interop/src with node and waits for it to finish.</summary>
public static class NodeScript
{
    /// <summary>
    /// A hang guard, not a speed assertion: a script that never ends is killed and reported with its output,
    /// instead of stalling the whole test run until the blame-hang timeout.
    /// </summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    public static async Task<NodeRun> RunAsync(string script, params string[] arguments)
    {
        using var process = new Process { StartInfo = CreateStartInfo(script, arguments) };
        var output = new StringBuilder();
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(errors, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var command = $"node src/{script} {string.Join(' ', arguments)}";
        using var guard = new CancellationTokenSource(HangGuard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"`{command}` did not finish and was killed.\n{new NodeRun(command, -1, Read(output), Read(errors))}");
        }

        // WaitForExitAsync also waits for the redirected streams to reach their end.
        return new NodeRun(command, process.ExitCode, Read(output), Read(errors));
    }

    internal static ProcessStartInfo CreateStartInfo(string script, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = InteropPackage.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine("src", script));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }

    private static string Read(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }
}
