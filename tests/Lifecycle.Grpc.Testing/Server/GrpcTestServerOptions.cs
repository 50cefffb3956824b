using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Grpc.Testing.Server;

/// <summary>How a <see cref="GrpcTestServer"/> is set up; every hook is optional.</summary>
public sealed class GrpcTestServerOptions
{
    /// <summary>Serve TLS with a self-signed certificate made in memory (see <see cref="GrpcTestServer.Certificate"/>).</summary>
    public bool UseTls { get; set; }

    /// <summary>HTTP protocols of the endpoint; HTTP/2 only by default (h2c with prior knowledge, or h2 over TLS).</summary>
    public HttpProtocols Protocols { get; set; } = HttpProtocols.Http2;

    /// <summary>Map <see cref="Echo.EchoServiceImpl"/>; turn off to map another implementation of the echo contract instead.</summary>
    public bool MapEchoService { get; set; } = true;

    /// <summary>Adjusts the gRPC server options (limits, compression, interceptors, detailed errors).</summary>
    public Action<GrpcServiceOptions>? ConfigureGrpc { get; set; }

    /// <summary>Registers extra services (scoped dependencies, health checks, interceptors, loggers).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Maps extra gRPC services or endpoints once the echo, health and reflection services are mapped.</summary>
    public Action<WebApplication>? ConfigureApp { get; set; }
}
