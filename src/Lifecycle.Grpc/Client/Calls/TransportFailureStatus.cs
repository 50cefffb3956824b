using Grpc.Core;

namespace Lifecycle.Grpc.Client.Calls;

/// <summary>Maps transport exceptions (refused connections, stream resets) to gRPC status codes.</summary>
internal static class TransportFailureStatus
{
    public static Status FromException(Exception exception)
    {
        if (FindInner<RpcException>(exception) is { } rpc)
        {
            return rpc.Status;
        }

        if (FindInner<HttpProtocolException>(exception) is { } protocol)
        {
            return new Status(FromHttp2ErrorCode(protocol.ErrorCode), "Error reading the response: " + protocol.Message, exception);
        }

        return exception switch
        {
            // HttpClient.Timeout of a caller-supplied HttpClient elapsed before the response headers arrived.
            OperationCanceledException { InnerException: TimeoutException } => new Status(StatusCode.DeadlineExceeded, "The HttpClient timeout elapsed.", exception),
            OperationCanceledException => new Status(StatusCode.Cancelled, "The call was canceled by the transport.", exception),
            // Refused or dropped connections: the server may come back, so callers may retry.
            HttpRequestException or IOException => new Status(StatusCode.Unavailable, "Error connecting to or talking to the server: " + exception.Message, exception),
            _ => new Status(StatusCode.Internal, "Error starting or running the gRPC call: " + exception.Message, exception),
        };
    }

    /// <summary>RST_STREAM / GOAWAY error codes as the gRPC spec maps them.</summary>
    private static StatusCode FromHttp2ErrorCode(long errorCode) => errorCode switch
    {
        0x7 => StatusCode.Unavailable, // REFUSED_STREAM: the server never processed the call
        0x8 => StatusCode.Cancelled, // CANCEL
        0xb => StatusCode.ResourceExhausted, // ENHANCE_YOUR_CALM
        0xc => StatusCode.PermissionDenied, // INADEQUATE_SECURITY
        _ => StatusCode.Internal,
    };

    private static T? FindInner<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }
}
