namespace Lifecycle.Hosting.Processes;

/// <summary>What to run: a binary, its arguments and environment, and how it wants to be stopped.</summary>
public sealed record ProcessLaunch(string FileName, IReadOnlyList<string> Arguments)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string? WorkingDirectory { get; init; }

    /// <summary>Run under this account (postgres refuses root); applied with setpriv when we are root.</summary>
    public string? RunAsUser { get; init; }

    /// <summary>The signal the leader understands as "shut down cleanly" (postgres: SIGINT = fast shutdown).</summary>
    public int StopSignal { get; init; } = Libc.SIGTERM;

    /// <summary>How long a clean shutdown may take before the group is killed.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
