using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Grpc.Net.ClientFactory;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Configures a client registered with AddGrpcClient: interceptors and channel options.</summary>
public static class GrpcHttpClientBuilderExtensions
{
    /// <summary>Adds an interceptor resolved from DI; interceptors run in the order they are added.</summary>
    public static IHttpClientBuilder AddInterceptor<TInterceptor>(this IHttpClientBuilder builder)
        where TInterceptor : Interceptor
        => builder.AddInterceptor(provider => provider.GetRequiredService<TInterceptor>());

    public static IHttpClientBuilder AddInterceptor(this IHttpClientBuilder builder, Func<Interceptor> configureInvoker)
    {
        ArgumentNullException.ThrowIfNull(configureInvoker);
        return builder.AddInterceptor(_ => configureInvoker());
    }

    public static IHttpClientBuilder AddInterceptor(this IHttpClientBuilder builder, Func<IServiceProvider, Interceptor> configureInvoker)
    {
        ArgumentNullException.ThrowIfNull(configureInvoker);
        return builder.ConfigureGrpcOptions(options => options.InterceptorFactories.Add(configureInvoker));
    }

    public static IHttpClientBuilder ConfigureChannel(this IHttpClientBuilder builder, Action<GrpcChannelOptions> configureChannel)
    {
        ArgumentNullException.ThrowIfNull(configureChannel);
        return builder.ConfigureGrpcOptions(options => options.ChannelOptionsActions.Add(configureChannel));
    }

    public static IHttpClientBuilder ConfigureChannel(this IHttpClientBuilder builder, Action<IServiceProvider, GrpcChannelOptions> configureChannel)
    {
        ArgumentNullException.ThrowIfNull(configureChannel);
        return builder.ConfigureGrpcOptions(options => options.ServiceChannelOptionsActions.Add(configureChannel));
    }

    private static IHttpClientBuilder ConfigureGrpcOptions(this IHttpClientBuilder builder, Action<GrpcClientFactoryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(builder.Name, configure);
        return builder;
    }
}
