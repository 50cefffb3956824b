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
    protected override Task HandleCoreAsync(HttpContextServerCallContext context)
    {
        var read = context.ReadSingleMessageAsync(Method.RequestMarshaller.ContextualDeserializer);

        // The request usually arrived whole: then the handler is invoked without a state machine of our own.
        return read.IsCompletedSuccessfully && Settings.Interceptors.Length == 0
            ? InvokeServiceAsync(context.HttpContext, read.Result, new HttpContextStreamWriter<TResponse>(context, Method.ResponseMarshaller.ContextualSerializer), context)
            : HandleAsync(context, read);
    }

    private async Task HandleAsync(HttpContextServerCallContext context, ValueTask<TRequest> read)
    {
        var request = await read.ConfigureAwait(false);
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
