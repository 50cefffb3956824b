using Lifecycle.Grpc.Protocol;

namespace Lifecycle.Grpc.Server;

internal sealed partial class HttpContextServerCallContext
{
    // CancelAfter accepts at most uint.MaxValue - 1 ms (about 49 days); a longer deadline is as good as none.
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    private CancellationTokenSource? deadlineSource;
    private DateTime deadline = DateTime.MaxValue;

    /// <summary>True once the client's deadline passed while the connection was still up: the call ends DEADLINE_EXCEEDED.</summary>
    public bool DeadlineExceeded =>
        deadlineSource is { IsCancellationRequested: true } && !httpContext.RequestAborted.IsCancellationRequested;

    /// <summary>Starts the grpc-timeout clock. Calls without the header pay nothing: no token source, no timer.</summary>
    private void StartDeadline()
    {
        var header = httpContext.Request.Headers[GrpcHeaders.Timeout];
        if (header.Count == 0 || !GrpcTimeout.TryParse(header[0], out var timeout) || timeout > LongestTimer)
        {
            // An unparsable timeout is ignored rather than failing the call, as grpc-dotnet does.
            return;
        }

        deadline = DateTime.UtcNow + timeout;
        deadlineSource = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted);
        deadlineSource.CancelAfter(timeout);
    }
}
