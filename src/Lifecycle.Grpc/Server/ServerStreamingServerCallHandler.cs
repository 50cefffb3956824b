using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Grpc.Server;

/// <summary>One request in, a stream of responses out.</summary>
internal sealed class ServerStreamingServerCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    ServerMethodSettings settings,
    ServiceActivator<TService> activator,
    ILogger logger,
    Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> invoker)
    : ServerCallHandler<TService, TRequest, TResponse>(method, settings, activator, logger)
    where TService : class
    where TRequest : class
    where TResponse : class
{
    protected override async Task HandleCoreAsync(HttpContextServerCallContext context)
    {
        var request = await context.ReadSingleMessageAsync(Method.RequestMarshaller.ContextualDeserializer).ConfigureAwait(false);
        var writer = new HttpContextStreamWriter<TResponse>(context, Method.ResponseMarshaller.ContextualSerializer);
        var httpContext = context.HttpContext;
        if (Settings.Interceptors.Length == 0)
        {
            await InvokeServiceAsync(httpContext, request, writer, context).ConfigureAwait(false);
            return;
        }

        var interceptors = new ResolvedInterceptors(Settings.Interceptors, httpContext.RequestServices);
        await using (interceptors.ConfigureAwait(false))
        {
            ServerStreamingServerMethod<TRequest, TResponse> next = (r, w, c) => InvokeServiceAsync(httpContext, r, w, c);
            for (var i = interceptors.Count - 1; i >= 0; i--)
            {
                var interceptor = interceptors[i];
                var inner = next;
                next = (r, w, c) => interceptor.ServerStreamingServerHandler(r, w, c, inner);
            }

            await next(request, writer, context).ConfigureAwait(false);
        }
    }

    private async Task InvokeServiceAsync(HttpContext httpContext, TRequest request, IServerStreamWriter<TResponse> writer, ServerCallContext context)
    {
        var service = Activator.Create(httpContext, out var created);
        try
        {
            await invoker(service, request, writer, context).ConfigureAwait(false);
        }
        finally
        {
            await ServiceActivator<TService>.ReleaseAsync(service, created).ConfigureAwait(false);
        }
    }
}
