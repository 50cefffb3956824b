namespace Lifecycle.Hosting.Orchestration;

/// <summary>What tools and the dashboard see of one instance at a moment.</summary>
public sealed record ResourceSnapshot(
    string Name,
    string Resource,
    ResourceState State,
    int? ExitCode,
    int? Pid,
    int Restarts,
    IReadOnlyDictionary<string, string> Endpoints,
    IReadOnlyList<string> RecentLogs,
    string? FailureReason = null)
{
    public static ResourceSnapshot Of(ResourceInstance instance, int logLines)
    {
        var current = instance.Current;
        return new ResourceSnapshot(
            instance.Name,
            instance.Resource.GetType().Name.Replace("Resource", "", StringComparison.Ordinal),
            current.State,
            current.ExitCode,
            instance.Pid,
            instance.Restarts,
            instance.EndpointUrls,
            instance.Logs.Tail(logLines).Select(line => line.Text).ToList(),
            current.FailureReason);
    }
}
