using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Lifecycle.ServiceDefaults.Telemetry;

/// <summary>
/// The process's tracer and meter providers, built by <see cref="TelemetryStartup"/>; a DI singleton, so the
/// container disposes it on shutdown, which flushes whatever the exporters still hold.
/// </summary>
public sealed class TelemetryProviders : IDisposable
{
    public TracerProvider? Tracing { get; private set; }

    public MeterProvider? Metrics { get; private set; }

    /// <summary>True when spans and metrics leave the process (OTEL_EXPORTER_OTLP_ENDPOINT was set at start).</summary>
    public bool IsExporting { get; private set; }

    internal void Start(TracerProvider tracing, MeterProvider metrics, bool exporting)
    {
        if (Tracing is not null)
        {
            throw new InvalidOperationException("Telemetry providers are already started.");
        }

        (Tracing, Metrics, IsExporting) = (tracing, metrics, exporting);
    }

    public void Dispose()
    {
        Tracing?.Dispose();
        Metrics?.Dispose();
    }
}
