namespace Lifecycle.ServiceDefaults.Telemetry;

/// <summary>The activity sources and meters a Lifecycle service exports, and the configuration keys that drive export.</summary>
public static class TelemetryNames
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string ServiceNameKey = "OTEL_SERVICE_NAME";

    /// <summary>"Lifecycle.*" covers our own libraries and services, the gRPC runtime's "Lifecycle.Grpc.Server/Client" included.</summary>
    public static IReadOnlyList<string> ActivitySources { get; } =
    [
        "Microsoft.AspNetCore",
        "System.Net.Http",
        "Lifecycle.Grpc.Server",
        "Lifecycle.Grpc.Client",
        "MassTransit",
        "Lifecycle.*",
    ];

    public static IReadOnlyList<string> Meters { get; } =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Net.Http",
        "System.Runtime",
        "Lifecycle.*",
    ];
}
