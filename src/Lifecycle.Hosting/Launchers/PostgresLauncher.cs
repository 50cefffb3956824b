using Lifecycle.Hosting.Processes;

namespace Lifecycle.Hosting.Launchers;

/// <summary>
/// A PostgreSQL cluster in its own directory: initdb on first use, then postgres on loopback TCP only
/// (no Unix socket, so long state paths do not matter). Runs as the postgres account when we are root.
/// </summary>
public static class PostgresLauncher
{
    private const string ServiceAccount = "postgres";

    public static string Locate() =>
        BinaryLocator.PostgresBinDirectory() ?? throw MissingBinaryException.AptPackage("postgres", "postgresql");

    /// <summary>Creates the cluster unless it already exists (data survives AppHost restarts).</summary>
    public static async Task InitializeAsync(string dataDirectory, CancellationToken cancellationToken = default)
    {
        var bin = Locate();
        var cluster = Path.Combine(dataDirectory, "data");
        Directory.CreateDirectory(cluster);
        var asRoot = Libc.GetEffectiveUserId() == 0;
        if (asRoot)
        {
            await EnsureServiceAccountCanReachAsync(dataDirectory, cancellationToken);
        }
        if (File.Exists(Path.Combine(cluster, "PG_VERSION")))
        {
            return;
        }
        if (asRoot)
        {
            await ToolRunner.RunAsync(new ProcessLaunch("/bin/chown", ["-R", $"{ServiceAccount}:{ServiceAccount}", dataDirectory]), cancellationToken);
        }
        await ToolRunner.RunAsync(new ProcessLaunch(Path.Combine(bin, "initdb"),
            ["-D", cluster, "--auth=trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        {
            RunAsUser = ServiceAccount,
        }, cancellationToken);
    }

    /// <summary>
    /// As root we run PostgreSQL as the postgres account, which needs to traverse every directory above its data. A
    /// private parent (a 0700 home or mktemp directory) would make initdb fail deep in its output and postgres fail
    /// on every restart; say which directory blocks it and what to do instead.
    /// </summary>
    private static async Task EnsureServiceAccountCanReachAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        try
        {
            await ToolRunner.RunAsync(new ProcessLaunch("/usr/bin/test", ["-x", dataDirectory]) { RunAsUser = ServiceAccount }, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            var blocking = (OperatingSystem.IsWindows() ? null : FirstDirectoryClosedToOthers(dataDirectory)) ?? dataDirectory;
            throw new InvalidOperationException(
                $"PostgreSQL runs as the '{ServiceAccount}' account, which cannot reach {dataDirectory}: {blocking} is not " +
                $"searchable by other users. Pass --state-dir with a directory outside it (e.g. /var/tmp/lifecycle), " +
                $"or allow traversal with 'chmod o+x {blocking}'.");
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string? FirstDirectoryClosedToOthers(string path)
    {
        var chain = new List<string>();
        for (var directory = new DirectoryInfo(Path.GetFullPath(path)); directory is not null; directory = directory.Parent)
        {
            chain.Add(directory.FullName);
        }
        chain.Reverse();
        return chain.FirstOrDefault(d => Directory.Exists(d) && !File.GetUnixFileMode(d).HasFlag(UnixFileMode.OtherExecute));
    }

    public static ProcessLaunch Create(int port, string dataDirectory, bool durable)
    {
        var arguments = new List<string>
        {
            "-D", Path.Combine(dataDirectory, "data"),
            "-p", $"{port}",
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=",
        };
        if (!durable)
        {
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }
        return new ProcessLaunch(Path.Combine(Locate(), "postgres"), arguments)
        {
            RunAsUser = ServiceAccount,
            StopSignal = Libc.SIGINT,
        };
    }

    /// <summary>Creates a database if missing, through psql over TCP (trust auth on loopback).</summary>
    public static async Task CreateDatabaseAsync(int port, string database, CancellationToken cancellationToken = default)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(database, "^[a-z_][a-z0-9_]*$"))
        {
            throw new ArgumentException($"'{database}' is not a plain lower-case PostgreSQL identifier", nameof(database));
        }
        var exists = await PsqlAsync(port, $"SELECT 1 FROM pg_database WHERE datname = '{database}'", cancellationToken);
        if (exists.Trim() != "1")
        {
            await PsqlAsync(port, $"CREATE DATABASE \"{database}\"", cancellationToken);
        }
    }

    public static Task<string> PsqlAsync(int port, string sql, CancellationToken cancellationToken = default, string database = "postgres") =>
        ToolRunner.RunAsync(new ProcessLaunch(Path.Combine(Locate(), "psql"),
            ["-h", "127.0.0.1", "-p", $"{port}", "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-tAc", sql]),
            cancellationToken);
}
