using Grpc.Net.ClientFactory;
using Lifecycle.ServiceDefaults.Clients;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers a generated gRPC client for another Lifecycle service, found by its service-discovery name.</summary>
public static class ServiceClientExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TClient"/> calling <paramref name="serviceName"/> at configuration
    /// "services:{serviceName}:grpc:0" (checked at start-up), with the default deadline and idempotent retries of
    /// <see cref="ServiceClientOptions"/>. Further interceptors added to the returned builder run inside the retry.
    /// </summary>
    public static IHttpClientBuilder AddServiceClient<TClient>(this IHostApplicationBuilder builder, string serviceName)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(serviceName);

        builder.AddValidatedOptions<ServiceClientOptions>(ServiceClientOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        var addressKey = $"services:{serviceName}:grpc:0";
        builder.Services.AddOptions<GrpcClientFactoryOptions>(serviceName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                if (options.Address is null && Uri.TryCreate(configuration[addressKey], UriKind.Absolute, out var address))
                {
                    options.Address = address;
                }
            })
            .Validate(
                options => options.Address is not null,
                $"gRPC client \"{serviceName}\" has no address: set configuration \"{addressKey}\" to an absolute URI " +
                $"(environment variable services__{serviceName}__grpc__0), as the AppHost does for a WithReference.")
            .ValidateOnStart();

        return builder.Services.AddGrpcClient<TClient>(serviceName, (provider, options) =>
            {
                // The retry interceptor applies the deadline itself, covering every attempt; the factory's own default
                // deadline would otherwise start afresh on each attempt.
                options.DefaultDeadline = null;
            })
            .AddInterceptor(provider => new IdempotentRetryInterceptor(
                provider.GetRequiredService<IOptions<ServiceClientOptions>>().Value,
                provider.GetRequiredService<TimeProvider>()));
    }
}
