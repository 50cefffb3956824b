using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Grpc.Server;

/// <summary>A stream of requests in, one response out.</summary>
internal sealed class ClientStreamingServerCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    ServerMethodSettings settings,
    ServiceActivator<TService> activator,
    ILogger logger,
    Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>> invoker)
    : ServerCallHandler<TService, TRequest, TResponse>(method, settings, activator, logger)
    where TService : class
    where TRequest : class
    where TResponse : class
{
    protected override async Task HandleCoreAsync(HttpContextServerCallContext context)
    {
        var reader = new HttpContextStreamReader<TRequest>(context, Method.RequestMarshaller.ContextualDeserializer);
        var httpContext = context.HttpContext;
        TResponse response;
        if (Settings.Interceptors.Length == 0)
        {
            response = await InvokeServiceAsync(httpContext, reader, context).ConfigureAwait(false);
        }
        else
        {
            var interceptors = new ResolvedInterceptors(Settings.Interceptors, httpContext.RequestServices);
            await using (interceptors.ConfigureAwait(false))
            {
                ClientStreamingServerMethod<TRequest, TResponse> next = (r, c) => InvokeServiceAsync(httpContext, r, c);
                for (var i = interceptors.Count - 1; i >= 0; i--)
                {
                    var interceptor = interceptors[i];
                    var inner = next;
                    next = (r, c) => interceptor.ClientStreamingServerHandler(r, c, inner);
                }

                response = await next(reader, context).ConfigureAwait(false);
            }
        }

        if (context.Status.StatusCode == StatusCode.OK && !context.DeadlineExceeded)
        {
            context.WriteMessage(
                response ?? throw new RpcException(new Status(StatusCode.Internal, "The handler returned no response message.")),
                Method.ResponseMarshaller.ContextualSerializer,
                context.WriteOptions);
        }
    }

    private async Task<TResponse> InvokeServiceAsync(HttpContext httpContext, IAsyncStreamReader<TRequest> reader, ServerCallContext context)
    {
        var service = Activator.Create(httpContext, out var created);
        try
        {
            return await invoker(service, reader, context).ConfigureAwait(false);
        }
        finally
        {
            await ServiceActivator<TService>.ReleaseAsync(service, created).ConfigureAwait(false);
        }
    }
}
