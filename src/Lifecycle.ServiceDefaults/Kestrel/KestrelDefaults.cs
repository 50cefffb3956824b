using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lifecycle.ServiceDefaults.Kestrel;

/// <summary>
/// Services are gRPC-first. gRPC without TLS needs HTTP/2 with prior knowledge, which Kestrel speaks only on an
/// Http2-only endpoint (an Http1AndHttp2 plain-text endpoint answers HTTP/1.1 only), so endpoints default to Http2.
/// Named https endpoints (Kestrel:Endpoints:{name}:Url) default to Http1AndHttp2, negotiated by ALPN. Anything
/// configured explicitly (the AppHost sets Kestrel:EndpointDefaults:Protocols=Http2) wins over these defaults.
/// </summary>
internal static class KestrelDefaults
{
    private const string EndpointDefaultsProtocolsKey = "Kestrel:EndpointDefaults:Protocols";

    public static void AddKestrelDefaults(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        AddTlsEndpointProtocols(configuration);
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
        {
            // Code defaults run after configuration's defaults and would silently override them; only fill the gap.
            if (string.IsNullOrEmpty(configuration[EndpointDefaultsProtocolsKey]))
            {
                listen.Protocols = HttpProtocols.Http2;
            }
        }));
    }

    /// <summary>
    /// Endpoint-level configuration is applied after the defaults above; adding it as the lowest-precedence source
    /// lets TLS endpoints serve HTTP/1.1 callers (browsers, curl) while anything the operator set still wins.
    /// </summary>
    private static void AddTlsEndpointProtocols(IConfigurationManager configuration)
    {
        if (!string.IsNullOrEmpty(configuration[EndpointDefaultsProtocolsKey]))
        {
            return;
        }

        var protocols = new Dictionary<string, string?>();
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            var url = endpoint["Url"];
            if (url is not null && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                protocols[$"{endpoint.Path}:Protocols"] = nameof(HttpProtocols.Http1AndHttp2);
            }
        }

        if (protocols.Count > 0)
        {
            configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = protocols });
        }
    }
}
