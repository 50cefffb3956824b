using Grpc.Net.ClientFactory;
using Lifecycle.Grpc.Client.ClientFactory;
using Lifecycle.Grpc.Client.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers typed gRPC clients, each on a named IHttpClientFactory handler pipeline.</summary>
public static class GrpcClientServiceExtensions
{
    public static IHttpClientBuilder AddGrpcClient<TClient>(this IServiceCollection services)
        where TClient : class
        => services.AddGrpcClient<TClient>(typeof(TClient).Name, static (_, _) => { });

    public static IHttpClientBuilder AddGrpcClient<TClient>(this IServiceCollection services, Action<GrpcClientFactoryOptions> configureClient)
        where TClient : class
        => services.AddGrpcClient<TClient>(typeof(TClient).Name, (_, options) => configureClient(options));

    public static IHttpClientBuilder AddGrpcClient<TClient>(this IServiceCollection services, Action<IServiceProvider, GrpcClientFactoryOptions> configureClient)
        where TClient : class
        => services.AddGrpcClient<TClient>(typeof(TClient).Name, configureClient);

    /// <summary>
    /// Registers a client named after the service it calls (e.g. "contacts"): unless an address is configured in code,
    /// it comes from configuration "services:contacts:grpc:0" (then ":http:0", ":https:0"), as an AppHost injects it.
    /// </summary>
    public static IHttpClientBuilder AddGrpcClient<TClient>(this IServiceCollection services, string name)
        where TClient : class
        => services.AddGrpcClient<TClient>(name, static (_, _) => { });

    public static IHttpClientBuilder AddGrpcClient<TClient>(this IServiceCollection services, string name, Action<GrpcClientFactoryOptions> configureClient)
        where TClient : class
        => services.AddGrpcClient<TClient>(name, (_, options) => configureClient(options));

    public static IHttpClientBuilder AddGrpcClient<TClient>(this IServiceCollection services, string name, Action<IServiceProvider, GrpcClientFactoryOptions> configureClient)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configureClient);

        services.AddHttpClient();
        services.TryAddSingleton<GrpcClientFactory, DefaultGrpcClientFactory>();
        services.AddOptions<GrpcClientFactoryOptions>(name).Configure<IServiceProvider>((options, provider) => configureClient(provider, options));
        services.AddTransient(provider => provider.GetRequiredService<GrpcClientFactory>().CreateClient<TClient>(name));

        // The channel's handler by default; SocketsHttpHandler recycles connections itself (PooledConnectionLifetime),
        // so the factory need not rotate handlers, which would otherwise drop warm HTTP/2 connections every two minutes.
        return services.AddHttpClient(name)
            .ConfigurePrimaryHttpMessageHandler(ChannelHttpHandler.Create)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
    }
}
