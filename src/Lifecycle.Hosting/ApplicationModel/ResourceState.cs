using System.Text.Json.Serialization;

namespace Lifecycle.Hosting;

/// <summary>Lifecycle of one resource instance, as shown in the table, the dashboard and endpoints.json.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResourceState>))]
public enum ResourceState
{
    /// <summary>Not started: waiting for the resources it waits for to be healthy.</summary>
    Waiting,
    Starting,
    /// <summary>Process up, health not (yet) confirmed.</summary>
    Running,
    Healthy,
    /// <summary>Was healthy, now failing its health probe while the process still runs.</summary>
    Unhealthy,
    /// <summary>Stopped on its own with exit code 0, or stopped by the AppHost.</summary>
    Exited,
    /// <summary>Died with a non-zero exit code (see ExitCode); it is restarted with backoff.</summary>
    Failed,
}
