using System.Net;
using Lifecycle.Hosting.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Hosting.Dashboard;

/// <summary>A tiny Kestrel endpoint: the self-refreshing resource page at / and the same data at /api/resources.</summary>
internal sealed class DashboardServer(int port, Func<IReadOnlyList<ResourceSnapshot>> snapshots) : IAsyncDisposable
{
    private WebApplication? app;

    public string Url { get; } = $"http://127.0.0.1:{port}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        app = builder.Build();
        app.MapGet("/", () => Results.Content(DashboardPage.Html, "text/html; charset=utf-8"));
        app.MapGet("/api/resources", () => Results.Json(snapshots(), JsonDefaults.Indented));
        app.MapGet("/health", () => Results.Text("Healthy"));
        await app.StartAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
