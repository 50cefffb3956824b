using Lifecycle.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;

namespace Microsoft.Extensions.Hosting;

/// <summary>OpenTelemetry logs, metrics and traces for a service, exported over OTLP only when an endpoint is configured.</summary>
public static class TelemetryExtensions
{
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var exporting = OtlpExport.IsEnabled(builder.Configuration);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            var resource = ResourceBuilder.CreateDefault();
            TelemetryResource.Configure(resource, builder.Configuration, builder.Environment);
            logging.SetResourceBuilder(resource);
            if (exporting)
            {
                logging.AddOtlpExporter();
            }
        });

        builder.Services.TryAddSingleton<TelemetryProviders>();
        if (!builder.Services.Any(service => service.ImplementationType == typeof(TelemetryStartup)))
        {
            builder.Services.AddHostedService<TelemetryStartup>();
        }

        return builder;
    }
}
