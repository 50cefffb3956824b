using Lifecycle.Hosting.Health;

namespace Lifecycle.Testing;

/// <summary>The protocol-level health check that fits an advertised endpoint (by its URL scheme).</summary>
public static class EndpointProbes
{
    public static IHealthProbe For(string url)
    {
        var uri = new Uri(url);
        return uri.Scheme switch
        {
            "tcp" => new RedisPingProbe(uri.Port), // Redis is the only raw-TCP endpoint we advertise.
            "amqp" => new AmqpHandshakeProbe(uri.Port),
            "postgres" => new PostgresReadyProbe(uri.Port),
            // Services listen h2c only; the dashboard speaks HTTP/1.1. Both map /health.
            "http" => new EitherHttpVersionProbe(new Uri(uri, "/health")),
            _ => throw new ArgumentException($"No probe for {url}", nameof(url)),
        };
    }

    private sealed class EitherHttpVersionProbe(Uri address) : IHealthProbe
    {
        public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
            await new HttpHealthProbe(address, http2: true).IsHealthyAsync(cancellationToken)
            || await new HttpHealthProbe(address, http2: false).IsHealthyAsync(cancellationToken);
    }
}
