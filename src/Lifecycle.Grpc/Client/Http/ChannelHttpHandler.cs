namespace Lifecycle.Grpc.Client.Http;

/// <summary>The SocketsHttpHandler every channel (and every DI-created client) uses unless told otherwise.</summary>
internal static class ChannelHttpHandler
{
    public static SocketsHttpHandler Create() => new()
    {
        // One HTTP/2 connection caps at the server's max concurrent streams; open more instead of queueing calls.
        EnableMultipleHttp2Connections = true,

        // Pings find dead connections (NAT, load balancers dropping idle flows) before a call waits on them.
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,

        // Recycling connections lets new replicas (and DNS changes) receive traffic; idle ones stay for reuse.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,

        // Services talk directly; gRPC compression is per message, never HTTP content-encoding.
        UseProxy = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    };
}
