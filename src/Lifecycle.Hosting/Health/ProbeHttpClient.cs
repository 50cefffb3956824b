namespace Lifecycle.Hosting.Health;

/// <summary>A short-lived client for probes: no connection reuse across checks, short timeouts.</summary>
internal static class ProbeHttpClient
{
    public static HttpClient Create() => new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PooledConnectionLifetime = TimeSpan.Zero,
    })
    {
        Timeout = TimeSpan.FromSeconds(3),
    };
}
