namespace Lifecycle.Hosting;

/// <summary>What a resource needs to build its process: the instance (ports), a data directory, injected environment.</summary>
public sealed record LaunchContext(
    ResourceInstance Instance,
    string DataDirectory,
    HostingOptions Options,
    IReadOnlyDictionary<string, string> Environment);
