using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Lifecycle.ServiceDefaults.Telemetry;

/// <summary>
/// Builds the tracer and meter providers when the host starts. Without OpenTelemetry.Extensions.Hosting (not on our
/// feed) nobody else would: the SDK providers listen process-wide, so they must exist before Kestrel takes requests,
/// which holds because WebApplication starts the server after the other hosted services.
/// </summary>
internal sealed class TelemetryStartup(TelemetryProviders providers, IConfiguration configuration, IHostEnvironment environment) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var exporting = OtlpExport.IsEnabled(configuration);
        providers.Start(BuildTracing(exporting), BuildMetrics(exporting), exporting);
        return Task.CompletedTask;
    }

    // Disposal (and the final flush) is the container's job, after every other service has stopped emitting.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private TracerProvider BuildTracing(bool exporting)
    {
        var tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(UseAppConfiguration)
            .ConfigureResource(resource => TelemetryResource.Configure(resource, configuration, environment))
            .AddSource([.. TelemetryNames.ActivitySources]);
        if (exporting)
        {
            tracing.AddOtlpExporter();
        }

        return tracing.Build();
    }

    private MeterProvider BuildMetrics(bool exporting)
    {
        var metrics = Sdk.CreateMeterProviderBuilder()
            .ConfigureServices(UseAppConfiguration)
            .ConfigureResource(resource => TelemetryResource.Configure(resource, configuration, environment))
            .AddMeter([.. TelemetryNames.Meters]);
        if (exporting)
        {
            metrics.AddOtlpExporter();
        }

        return metrics.Build();
    }

    // The SDK's private container reads OTEL_* from environment variables only; handing it the app's configuration
    // lets appsettings and test hosts set the endpoint and protocol too (it appends /v1/traces and /v1/metrics itself).
    private void UseAppConfiguration(IServiceCollection services) => services.AddSingleton(configuration);
}
