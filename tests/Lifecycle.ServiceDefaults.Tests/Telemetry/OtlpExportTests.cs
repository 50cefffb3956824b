using Lifecycle.ServiceDefaults.Telemetry;
using Lifecycle.ServiceDefaults.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.ServiceDefaults.Tests.Telemetry;

public sealed class OtlpExportTests
{
    [Fact]
    public async Task A_request_is_exported_as_a_trace_when_an_otlp_endpoint_is_configured()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var service = await TestService.StartAsync(
            new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_SERVICE_NAME"] = "otlp-test-service",
            },
            map: app => app.MapGet("/ping", () => Results.Text("pong")));
        await using (service)
        {
            using var client = service.CreateHttp2Client();
            Assert.Equal("pong", await client.GetStringAsync("/ping"));
            Assert.True(service.Services.GetRequiredService<TelemetryProviders>().IsExporting);
        }

        // Disposing the host disposes the providers, which flushes the batch that holds the request's span.
        var trace = await NextExportAsync(receiver, "traces");
        Assert.Equal("application/x-protobuf", trace.ContentType);
        Assert.True(trace.Contains("otlp-test-service"), "the resource names the service");
        Assert.True(trace.Contains("Microsoft.AspNetCore"), "the span comes from ASP.NET Core's activity source");
    }

    [Fact]
    public async Task Nothing_is_exported_without_an_otlp_endpoint()
    {
        await using var service = await TestService.StartAsync(map: app => app.MapGet("/ping", () => "pong"));
        using var client = service.CreateHttp2Client();
        await client.GetStringAsync("/ping");

        var providers = service.Services.GetRequiredService<TelemetryProviders>();
        Assert.False(providers.IsExporting);
        Assert.NotNull(providers.Tracing);
        Assert.NotNull(providers.Metrics);
    }

    private static async Task<ReceivedExport> NextExportAsync(OtlpReceiver receiver, string signal)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var export in receiver.Exports.ReadAllAsync(timeout.Token))
        {
            if (export.Signal == signal && export.Body.Length > 0)
            {
                return export;
            }
        }

        throw new InvalidOperationException("The receiver stopped.");
    }
}
