using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Grpc.Server;

/// <summary>One request in, one response out.</summary>
internal sealed class UnaryServerCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    ServerMethodSettings settings,
    ServiceActivator<TService> activator,
    ILogger logger,
    Func<TService, TRequest, ServerCallContext, Task<TResponse>> invoker)
    : ServerCallHandler<TService, TRequest, TResponse>(method, settings, activator, logger)
    where TService : class
    where TRequest : class
    where TResponse : class
{
    protected override async Task HandleCoreAsync(HttpContextServerCallContext context)
    {
        var request = await context.ReadSingleMessageAsync(Method.RequestMarshaller.ContextualDeserializer).ConfigureAwait(false);
        var httpContext = context.HttpContext;
        TResponse response;
        if (Settings.Interceptors.Length == 0)
        {
            // Awaited here rather than through InvokeServiceAsync: a handler that completes synchronously then costs
            // no extra state machine or Task<TResponse>.
            var service = Activator.Create(httpContext, out var created);
            try
            {
                response = await invoker(service, request, context).ConfigureAwait(false);
            }
            finally
            {
                await ServiceActivator<TService>.ReleaseAsync(service, created).ConfigureAwait(false);
            }
        }
        else
        {
            response = await InvokeInterceptedAsync(httpContext, request, context).ConfigureAwait(false);
        }

        // A handler may end the call itself by setting a non-OK Status; then, like after the deadline, no message is sent.
        if (context.Status.StatusCode == StatusCode.OK && !context.DeadlineExceeded)
        {
            context.WriteMessage(response ?? throw NoResponse(), Method.ResponseMarshaller.ContextualSerializer, context.WriteOptions);
        }
    }

    private static RpcException NoResponse() => new(new Status(StatusCode.Internal, "The handler returned no response message."));

    private async Task<TResponse> InvokeServiceAsync(HttpContext httpContext, TRequest request, ServerCallContext context)
    {
        var service = Activator.Create(httpContext, out var created);
        try
        {
            return await invoker(service, request, context).ConfigureAwait(false);
        }
        finally
        {
            await ServiceActivator<TService>.ReleaseAsync(service, created).ConfigureAwait(false);
        }
    }

    private async Task<TResponse> InvokeInterceptedAsync(HttpContext httpContext, TRequest request, ServerCallContext context)
    {
        var interceptors = new ResolvedInterceptors(Settings.Interceptors, httpContext.RequestServices);
        await using (interceptors.ConfigureAwait(false))
        {
            UnaryServerMethod<TRequest, TResponse> next = (r, c) => InvokeServiceAsync(httpContext, r, c);
            for (var i = interceptors.Count - 1; i >= 0; i--)
            {
                var interceptor = interceptors[i];
                var inner = next;
                next = (r, c) => interceptor.UnaryServerHandler(r, c, inner);
            }

            return await next(request, context).ConfigureAwait(false);
        }
    }
}
