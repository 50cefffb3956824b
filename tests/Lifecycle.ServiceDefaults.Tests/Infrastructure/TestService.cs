using System.Net;
using Lifecycle.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifecycle.ServiceDefaults.Tests.Infrastructure;

/// <summary>A real service host: AddServiceDefaults + MapDefaultEndpoints on Kestrel at a free loopback port.</summary>
public sealed class TestService(WebApplication app, Uri address) : IAsyncDisposable
{
    public WebApplication App { get; } = app;

    public Uri Address { get; } = address;

    public IServiceProvider Services => App.Services;

    /// <summary>Builds (but does not start) a service; settings override anything from the machine's environment.</summary>
    public static WebApplicationBuilder CreateBuilder(IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = "service-defaults-tests",
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        // A CI machine may export OTEL_* for itself; tests decide about export explicitly.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "" });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        return builder;
    }

    public static async Task<TestService> StartAsync(
        IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? map = null)
    {
        var builder = CreateBuilder(settings);
        builder.AddServiceDefaults();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        map?.Invoke(app);
        await app.StartAsync();
        return new TestService(app, new Uri(app.Urls.Single()));
    }

    /// <summary>A client speaking HTTP/2 with prior knowledge (h2c), as gRPC clients and the AppHost's probe do.</summary>
    public HttpClient CreateHttp2Client() => new()
    {
        BaseAddress = Address,
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    public HttpClient CreateHttp11Client() => new()
    {
        BaseAddress = Address,
        DefaultRequestVersion = HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
