using Grpc.Core;

namespace Lifecycle.Grpc.Server;

/// <summary>Decides the status a client sees for a handler's exception: INTERNAL without internals unless detailed errors are on.</summary>
internal static class ServerErrors
{
    public static Status ToStatus(Exception exception, HttpContextServerCallContext context)
    {
        if (context.DeadlineExceeded)
        {
            return HttpContextServerCallContext.DeadlineExceededStatus;
        }

        return exception switch
        {
            RpcException rpc => rpc.Status,
            // Reads and writes fail in many ways once the client resets the stream; all of them mean the same.
            _ when context.CancellationToken.IsCancellationRequested =>
                new Status(StatusCode.Cancelled, "Call canceled by the client.", exception),
            _ when context.Settings.EnableDetailedErrors =>
                new Status(StatusCode.Internal, $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}", exception),
            _ => new Status(StatusCode.Internal, "Exception was thrown by handler.", exception),
        };
    }
}
