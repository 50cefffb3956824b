using Grpc.Core;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace Lifecycle.Grpc.Server;

/// <summary>
/// Recognises a request-body read that failed because the client went away (RST_STREAM, a closed connection), so
/// the call ends CANCELLED and is logged as the client's doing rather than as a handler failure. Kestrel completes the
/// body with the IOException before the call's RequestAborted token fires (it cancels that token on the thread
/// pool), so the token alone cannot tell the two apart when the read wakes up.
/// </summary>
internal static class ClientDisconnect
{
    /// <summary>True for the transport failures Kestrel reports on a reset or aborted request body; false for a malformed request.</summary>
    public static bool Caused(Exception exception) =>
        exception is ConnectionAbortedException || (exception is IOException && exception is not BadHttpRequestException);

    /// <summary>The exception a handler (and the call's status) sees instead: CANCELLED, the original as its cause.</summary>
    public static RpcException ToCancelled(Exception exception) =>
        new(new Status(StatusCode.Cancelled, "The client reset the stream or closed the connection.", exception));
}
