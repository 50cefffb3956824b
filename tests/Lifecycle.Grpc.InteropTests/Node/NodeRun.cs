namespace Lifecycle.Grpc.InteropTests.Node;

/// <summary>How a finished node process ended, with everything it printed (for failure messages).</summary>
public sealed record NodeRun(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() =>
        $"`{Command}` exited with {ExitCode}.\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
