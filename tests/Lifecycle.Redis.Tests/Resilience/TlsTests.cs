using System.Security.Cryptography.X509Certificates;
using Lifecycle.Redis.Tests.Infrastructure;

namespace Lifecycle.Redis.Tests.Resilience;

public sealed class TlsTests
{
    [Fact]
    public async Task Ssl_connection_works_when_the_certificate_is_trusted()
    {
        await using var server = await RedisServer.StartAsync(tls: true);
        var thumbprint = server.Tls!.Thumbprint;
        var options = RedisConnectionOptions.Parse($"127.0.0.1:{server.Port},ssl=true,sslHost=localhost") with
        {
            // Trust exactly the fixture's self-signed certificate, as a service would pin a private CA.
            CertificateValidation = (_, certificate, _, _) => certificate is X509Certificate2 c && c.Thumbprint == thumbprint,
        };
        await using var connection = await RedisConnection.ConnectAsync(options);

        await connection.GetDatabase().StringSetAsync("tls", new byte[] { 0, 255 });

        Assert.Equal([0, 255], (byte[]?)await connection.GetDatabase().StringGetAsync("tls"));
    }

    [Fact]
    public async Task Ssl_connection_to_an_untrusted_certificate_fails_clearly()
    {
        await using var server = await RedisServer.StartAsync(tls: true);

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() =>
            RedisConnection.ConnectAsync($"127.0.0.1:{server.Port},ssl=true,sslHost=localhost,connectTimeout=2000"));

        Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);
    }
}
