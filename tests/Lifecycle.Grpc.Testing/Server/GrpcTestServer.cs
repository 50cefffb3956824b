using System.Net;
using System.Security.Cryptography.X509Certificates;
using Lifecycle.Grpc.Testing.Echo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Grpc.Testing.Server;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (free port) serving <see cref="EchoServiceImpl"/>, gRPC health and reflection
/// over HTTP/2: h2c by default, TLS on request. Dispose it to stop.
/// </summary>
public sealed class GrpcTestServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private GrpcTestServer(WebApplication app, Uri address, X509Certificate2? certificate)
    {
        this.app = app;
        Address = address;
        Certificate = certificate;
    }

    /// <summary>The base address, e.g. http://127.0.0.1:40123 or https://127.0.0.1:40123.</summary>
    public Uri Address { get; }

    /// <summary>The application's root service provider.</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>The self-signed certificate served when TLS is on; null for h2c.</summary>
    public X509Certificate2? Certificate { get; }

    public static async Task<GrpcTestServer> StartAsync(Action<GrpcTestServerOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new GrpcTestServerOptions();
        configure?.Invoke(options);
        var certificate = options.UseTls ? TestCertificate.Create() : null;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = options.Protocols;
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        builder.Services.AddGrpc(grpc => options.ConfigureGrpc?.Invoke(grpc));
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddGrpcReflection();
        options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        if (options.MapEchoService)
        {
            app.MapGrpcService<EchoServiceImpl>();
        }

        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        options.ConfigureApp?.Invoke(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new GrpcTestServer(app, new Uri(bound), certificate);
    }

    /// <summary>An HttpClient speaking HTTP/2 only (prior knowledge on h2c) and trusting this server's certificate.</summary>
    public HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (Certificate is { } certificate)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.GetCertHashString() == certificate.GetCertHashString();
        }

        return new HttpClient(handler)
        {
            BaseAddress = Address,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        Certificate?.Dispose();
    }
}
