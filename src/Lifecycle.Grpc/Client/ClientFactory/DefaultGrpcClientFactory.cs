using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifecycle.Grpc.Client.ClientFactory;

/// <summary>Builds clients on channels over the named handler pipeline of IHttpClientFactory.</summary>
internal sealed class DefaultGrpcClientFactory(
    IServiceProvider services,
    IHttpMessageHandlerFactory handlerFactory,
    IOptionsMonitor<GrpcClientFactoryOptions> optionsMonitor) : GrpcClientFactory
{
    public override TClient CreateClient<TClient>(string name)
    {
        var options = optionsMonitor.Get(name);
        var address = options.Address
            ?? ServiceAddressResolver.TryResolve(services.GetService<IConfiguration>(), name)
            ?? throw ServiceAddressResolver.Missing(name);

        var channel = GrpcChannel.ForAddress(address, CreateChannelOptions(name, options));
        var invoker = channel.CreateCallInvoker();

        // Innermost, so a deadline set by any interceptor (or the caller) wins over the default.
        if (options.DefaultDeadline is { } timeout)
        {
            invoker = invoker.Intercept(new DefaultDeadlineInterceptor(timeout));
        }

        invoker = invoker.Intercept([.. options.InterceptorFactories.Select(create => create(services))]);
        return options.Creator is { } creator ? (TClient)creator(invoker) : ClientActivator<TClient>.Create(services, invoker);
    }

    private GrpcChannelOptions CreateChannelOptions(string name, GrpcClientFactoryOptions options)
    {
        var channelOptions = new GrpcChannelOptions
        {
            // The factory owns the handler (and rotates it); channels only borrow it.
            HttpHandler = handlerFactory.CreateHandler(name),
            DisposeHttpClient = false,
            LoggerFactory = services.GetService<ILoggerFactory>(),
        };
        foreach (var configure in options.ChannelOptionsActions)
        {
            configure(channelOptions);
        }

        foreach (var configure in options.ServiceChannelOptionsActions)
        {
            configure(services, channelOptions);
        }

        return channelOptions;
    }

    /// <summary>Calls the generated client's (CallInvoker) constructor; compiled once per client type.</summary>
    private static class ClientActivator<TClient>
        where TClient : class
    {
        private static readonly ObjectFactory Factory = ActivatorUtilities.CreateFactory(typeof(TClient), [typeof(CallInvoker)]);

        public static TClient Create(IServiceProvider services, CallInvoker invoker) => (TClient)Factory(services, [invoker]);
    }
}
