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

    public async Task HandleCallAsync(HttpContext httpContext)
    {
        if (!GrpcRequestGuard.TryAccept(httpContext))
        {
            ServerLog.CallRejected(logger, method.FullName, httpContext.Response.Headers["grpc-message"].ToString());
            return;
        }

        StreamingBodyLimits.Apply(httpContext, method.Type);
        var context = new HttpContextServerCallContext(httpContext, method, settings);
        var measurement = ServerTelemetry.Start(method);
        try
        {
            context.Initialize();
            await HandleCoreAsync(context).ConfigureAwait(false);
            context.Complete();
        }
        catch (Exception exception)
        {
            context.Fail(exception);
            LogFailure(exception, context);
        }
        finally
        {
            measurement.Stop(method, context.Status.StatusCode);
            context.Dispose();
        }
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
