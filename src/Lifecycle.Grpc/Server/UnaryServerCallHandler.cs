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
    protected override Task HandleCoreAsync(HttpContextServerCallContext context)
    {
        var read = context.ReadSingleMessageAsync(Method.RequestMarshaller.ContextualDeserializer);
        if (!read.IsCompletedSuccessfully || Settings.Interceptors.Length != 0)
        {
            return HandleAsync(context, read);
        }

        // The common case, without a state machine: the request was buffered whole, and a handler that answers
        // synchronously (a cached or computed reply) is written out at once. Anything else continues asynchronously.
        var service = Activator.Create(context.HttpContext, out var created);
        Task<TResponse> invocation;
        try
        {
            invocation = invoker(service, read.Result, context);
        }
        catch (Exception exception)
        {
            // Thrown before returning a task: handled like a faulted task, so the instance is still released first.
            invocation = Task.FromException<TResponse>(exception);
        }

        if (!invocation.IsCompletedSuccessfully)
        {
            return AwaitResponseAsync(context, service, created, invocation);
        }

        var release = ServiceActivator<TService>.ReleaseAsync(service, created);
        if (!release.IsCompletedSuccessfully)
        {
            return AwaitReleaseThenWriteAsync(context, release, invocation.Result);
        }

        release.GetAwaiter().GetResult();
        WriteResponse(context, invocation.Result);
        return Task.CompletedTask;
    }

    private async Task HandleAsync(HttpContextServerCallContext context, ValueTask<TRequest> read)
    {
        var request = await read.ConfigureAwait(false);
        var response = Settings.Interceptors.Length == 0
            ? await InvokeServiceAsync(context.HttpContext, request, context).ConfigureAwait(false)
            : await InvokeInterceptedAsync(context.HttpContext, request, context).ConfigureAwait(false);
        WriteResponse(context, response);
    }

    private async Task AwaitResponseAsync(HttpContextServerCallContext context, TService service, bool created, Task<TResponse> invocation)
    {
        TResponse response;
        try
        {
            response = await invocation.ConfigureAwait(false);
        }
        finally
        {
            await ServiceActivator<TService>.ReleaseAsync(service, created).ConfigureAwait(false);
        }

        WriteResponse(context, response);
    }

    private async Task AwaitReleaseThenWriteAsync(HttpContextServerCallContext context, ValueTask release, TResponse response)
    {
        await release.ConfigureAwait(false);
        WriteResponse(context, response);
    }

    private void WriteResponse(HttpContextServerCallContext context, TResponse response)
    {
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
