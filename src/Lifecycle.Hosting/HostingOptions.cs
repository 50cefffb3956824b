namespace Lifecycle.Hosting;

/// <summary>Where state lives and how ports are chosen; read from arguments and configuration by CreateBuilder.</summary>
public sealed class HostingOptions
{
    /// <summary>Default dashboard port; the other stable defaults sit next to it (7101 contacts, ...).</summary>
    public const int DefaultDashboardPort = 7100;

    /// <summary>The folder holding Lifecycle.sln; project paths are relative to it.</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>All local state: data/, logs/, run.json, endpoints.json (default &lt;repo&gt;/.lifecycle).</summary>
    public required string StateDirectory { get; init; }

    public string DataDirectory => Path.Combine(StateDirectory, "data");

    public string LogsDirectory => Path.Combine(StateDirectory, "logs");

    /// <summary>Every port is picked free by the OS (tests, several AppHosts side by side).</summary>
    public bool FreePorts { get; init; }

    /// <summary>Shifts every stable default port so that the dashboard lands on this port.</summary>
    public int? PortBase { get; init; }

    /// <summary>Explicit ports: "&lt;instance&gt;" for the primary endpoint, "&lt;instance&gt;-&lt;endpoint&gt;" for others.</summary>
    public IReadOnlyDictionary<string, int> PortOverrides { get; init; } = new Dictionary<string, int>();

    /// <summary>Service databases in one PostgreSQL server instead of SQLite files.</summary>
    public bool UsePostgres { get; init; }

    /// <summary>Wipe the data directory before starting.</summary>
    public bool Fresh { get; init; }

    /// <summary>Stream resource output to the console with a prefix.</summary>
    public bool ConsoleOutput { get; init; } = true;

    public bool Dashboard { get; init; } = true;

    /// <summary>False trades crash safety for speed (fsync off): fine for tests, not for your dev data.</summary>
    public bool DurableStorage { get; init; } = true;

    /// <summary>Build configuration whose service assemblies are started (default: the AppHost's own).</summary>
    public string BuildConfiguration { get; init; } = Launchers.ProjectAssembly.CurrentConfiguration;

    /// <summary>Options for an isolated run: free ports, a private state directory, quiet console, no fsync.</summary>
    public static HostingOptions ForTests(string repositoryRoot, string stateDirectory) => new()
    {
        RepositoryRoot = repositoryRoot,
        StateDirectory = stateDirectory,
        FreePorts = true,
        ConsoleOutput = false,
        DurableStorage = false,
    };
}
