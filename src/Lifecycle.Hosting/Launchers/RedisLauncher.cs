using Lifecycle.Hosting.Processes;

namespace Lifecycle.Hosting.Launchers;

/// <summary>redis-server on loopback, no persistence (it is a cache), logging to stdout.</summary>
public static class RedisLauncher
{
    public static string Locate() =>
        BinaryLocator.OnPath("redis-server") ?? throw MissingBinaryException.AptPackage("redis-server", "redis-server");

    public static ProcessLaunch Create(int port, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        return new ProcessLaunch(Locate(),
        [
            "--port", $"{port}",
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", dataDirectory,
            "--daemonize", "no",
        ]);
    }
}
