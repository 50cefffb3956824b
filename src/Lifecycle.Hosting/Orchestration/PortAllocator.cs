namespace Lifecycle.Hosting.Orchestration;

/// <summary>
/// Chooses each endpoint's port: an explicit override, else the stable default (shifted by --port-base,
/// +100 per extra replica), else (free-ports mode, or no default) a port the OS reports free.
/// </summary>
internal sealed class PortAllocator(HostingOptions options)
{
    private const int ReplicaStride = 100;
    private readonly HashSet<int> assigned = [];

    public int Assign(string instanceName, EndpointDefinition endpoint, bool isPrimary, int replica)
    {
        var key = isPrimary ? instanceName : $"{instanceName}-{endpoint.Name}";
        int port;
        if (options.PortOverrides.TryGetValue(key, out var explicitPort))
        {
            port = explicitPort;
        }
        else if (!options.FreePorts && endpoint.DefaultPort is { } stable)
        {
            var shift = options.PortBase is { } portBase ? portBase - HostingOptions.DefaultDashboardPort : 0;
            port = stable + shift + (replica * ReplicaStride);
        }
        else
        {
            port = FreePort();
        }
        assigned.Add(port);
        return port;
    }

    private int FreePort() => LoopbackPort.Free(assigned.Contains);
}
