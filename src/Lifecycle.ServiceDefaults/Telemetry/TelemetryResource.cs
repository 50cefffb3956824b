using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Resources;

namespace Lifecycle.ServiceDefaults.Telemetry;

/// <summary>Names the service in every signal: OTEL_SERVICE_NAME when set, the application name otherwise.</summary>
internal static class TelemetryResource
{
    public static string ServiceName(IConfiguration configuration, IHostEnvironment environment) =>
        configuration[TelemetryNames.ServiceNameKey] is { Length: > 0 } name ? name : environment.ApplicationName;

    /// <summary>The default resource (SDK, OTEL_RESOURCE_ATTRIBUTES such as service.instance.id) plus the service name.</summary>
    public static void Configure(ResourceBuilder resource, IConfiguration configuration, IHostEnvironment environment) =>
        resource.AddService(ServiceName(configuration, environment), autoGenerateServiceInstanceId: false);
}
