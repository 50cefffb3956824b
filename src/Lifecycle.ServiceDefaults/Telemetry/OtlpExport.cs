using Microsoft.Extensions.Configuration;

namespace Lifecycle.ServiceDefaults.Telemetry;

/// <summary>Export is opt-in: only when OTEL_EXPORTER_OTLP_ENDPOINT is configured (as an AppHost or a deployment sets it).</summary>
internal static class OtlpExport
{
    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[TelemetryNames.OtlpEndpointKey]);
}
