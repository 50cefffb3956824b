namespace Lifecycle.Hosting;

/// <summary>One transition in an instance's history.</summary>
public sealed record StateChange(ResourceState State, DateTimeOffset At, int? ExitCode = null);
