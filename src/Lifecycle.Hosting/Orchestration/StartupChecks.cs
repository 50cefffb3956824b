namespace Lifecycle.Hosting.Orchestration;

/// <summary>Everything that can be known to fail before a single process starts: binaries and ports.</summary>
internal static class StartupChecks
{
    public static void Run(IEnumerable<Resource> resources, HostingOptions options, int? dashboardPort)
    {
        var all = resources.ToList();
        foreach (var resource in all.OfType<ProcessResource>())
        {
            try
            {
                resource.EnsureBinaries(options);
            }
            catch (FileNotFoundException e)
            {
                throw new HostingStartupException($"{resource.Name}: {e.Message}");
            }
        }
        var ports = all.SelectMany(r => r.Instances)
            .SelectMany(i => i.Ports.Select(p => (Owner: $"{i.Name} ({p.Key})", Port: p.Value)))
            .Concat(dashboardPort is { } dashboard ? [("dashboard", dashboard)] : [])
            .ToList();
        foreach (var clash in ports.GroupBy(p => p.Port).Where(g => g.Count() > 1))
        {
            throw new HostingStartupException(
                $"port {clash.Key} is assigned to {string.Join(" and ", clash.Select(c => c.Owner))}: give one of them another port (Ports__<resource>=N)");
        }
        foreach (var (owner, port) in ports)
        {
            if (!LoopbackPort.IsFree(port))
            {
                throw new HostingStartupException(
                    $"port {port} for {owner} is in use: stop whatever holds it, or choose other ports (--port-base N, Ports__<resource>=N, --free-ports)");
            }
        }
    }
}
