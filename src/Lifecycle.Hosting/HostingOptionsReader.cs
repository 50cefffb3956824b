using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Lifecycle.Hosting;

/// <summary>
/// Turns AppHost arguments and configuration into HostingOptions. Flags: --postgres, --fresh, --free-ports,
/// --quiet, --no-dashboard; values: --state-dir DIR, --port-base N, --Ports:&lt;resource&gt; N (or Ports__&lt;resource&gt;).
/// </summary>
public static class HostingOptionsReader
{
    private static readonly Dictionary<string, string> Flags = new()
    {
        ["--postgres"] = "Lifecycle:Postgres",
        ["--fresh"] = "Lifecycle:Fresh",
        ["--free-ports"] = "Lifecycle:FreePorts",
        ["--quiet"] = "Lifecycle:Quiet",
        ["--no-dashboard"] = "Lifecycle:NoDashboard",
    };

    private static readonly Dictionary<string, string> ValueSwitches = new()
    {
        ["--state-dir"] = "Lifecycle:StateDirectory",
        ["--port-base"] = "Lifecycle:PortBase",
        ["--repo-root"] = "Lifecycle:RepositoryRoot",
    };

    public static IConfiguration BuildConfiguration(string[] args) =>
        new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(args.Select(arg => Flags.TryGetValue(arg, out var key) ? $"--{key}=true" : arg).ToArray(), ValueSwitches)
            .Build();

    public static HostingOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Lifecycle");
        var root = section["RepositoryRoot"] ?? RepositoryRoot.Find();
        return new HostingOptions
        {
            RepositoryRoot = root,
            StateDirectory = Path.GetFullPath(section["StateDirectory"] ?? Path.Combine(root, ".lifecycle")),
            FreePorts = section.GetValue<bool>("FreePorts"),
            PortBase = section.GetValue<int?>("PortBase"),
            PortOverrides = configuration.GetSection("Ports").GetChildren()
                .ToDictionary(port => port.Key, port => int.Parse(port.Value!, CultureInfo.InvariantCulture)),
            UsePostgres = section.GetValue<bool>("Postgres"),
            Fresh = section.GetValue<bool>("Fresh"),
            ConsoleOutput = !section.GetValue<bool>("Quiet"),
            Dashboard = !section.GetValue<bool>("NoDashboard"),
        };
    }
}
