namespace Lifecycle.Hosting.Logging;

/// <summary>One captured output line of a resource.</summary>
public sealed record LogLine(DateTimeOffset At, string Text, bool IsError);
