using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Grpc.Server;

/// <summary>Runs one mapped method for each HTTP/2 request: validate, read, invoke the service, write the status.</summary>
internal abstract class ServerCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    ServerMethodSettings settings,
    ServiceActivator<TService> activator,
    ILogger logger)
    where TService : class
    where TRequest : class
    where TResponse : class
{
    protected Method<TRequest, TResponse> Method => method;

    protected ServerMethodSettings Settings => settings;

    protected ServiceActivator<TService> Activator => activator;

    public Task HandleCallAsync(HttpContext httpContext)
    {
        if (!GrpcRequestGuard.TryAccept(httpContext))
        {
            ServerLog.CallRejected(logger, method.FullName, httpContext.Response.Headers["grpc-message"].ToString());
            return Task.CompletedTask;
        }

        StreamingBodyLimits.Apply(httpContext, method.Type);
        var context = new HttpContextServerCallContext(httpContext, method, settings);
        var measurement = ServerTelemetry.Start(method);
        Task handling;
        try
        {
            context.Initialize();
            handling = HandleCoreAsync(context);
        }
        catch (Exception exception)
        {
            handling = Task.FromException(exception);
        }

        // A unary call whose request was already buffered and whose handler answered synchronously is finished
        // here, without an async state machine; anything still running is awaited.
        if (!handling.IsCompletedSuccessfully)
        {
            return FinishAsync(handling, context, measurement);
        }

        Finish(context, measurement, failure: null);
        return Task.CompletedTask;
    }

    private async Task FinishAsync(Task handling, HttpContextServerCallContext context, ServerTelemetry.CallMeasurement measurement)
    {
        Exception? failure = null;
        try
        {
            await handling.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        Finish(context, measurement, failure);
    }

    /// <summary>Writes the call's status (from the handler's outcome), records it and releases the call context.</summary>
    private void Finish(HttpContextServerCallContext context, ServerTelemetry.CallMeasurement measurement, Exception? failure)
    {
        try
        {
            if (failure is null)
            {
                context.Complete();
            }
            else
            {
                Fail(context, failure);
            }
        }
        catch (Exception exception) when (failure is null)
        {
            // Writing the OK status failed (the response had already ended, say): report that as the call's outcome.
            Fail(context, exception);
        }
        finally
        {
            measurement.Stop(method, context.Status.StatusCode);
            context.Dispose();
        }
    }

    private void Fail(HttpContextServerCallContext context, Exception exception)
    {
        context.Fail(exception);
        LogFailure(exception, context);
    }

    /// <summary>Reads the request(s), invokes the service (through interceptors) and writes the response(s).</summary>
    protected abstract Task HandleCoreAsync(HttpContextServerCallContext context);

    private void LogFailure(Exception exception, HttpContextServerCallContext context)
    {
        var status = context.Status;
        if (status.StatusCode == StatusCode.DeadlineExceeded)
        {
            ServerLog.DeadlineExceeded(logger, method.FullName);
        }
        else if (exception is RpcException || status.StatusCode == StatusCode.Cancelled)
        {
            ServerLog.HandlerReturnedStatus(logger, method.FullName, status.StatusCode, status.Detail);
        }
        else
        {
            ServerLog.HandlerFailed(logger, method.FullName, exception);
        }
    }
}
