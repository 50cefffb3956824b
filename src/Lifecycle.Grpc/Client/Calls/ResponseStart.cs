namespace Lifecycle.Grpc.Client.Calls;

/// <summary>How a call's response began.</summary>
internal enum ResponseStart
{
    /// <summary>The call already has its final status (transport failure, bad HTTP response, cancellation).</summary>
    Ended,

    /// <summary>grpc-status came in the headers: no messages, no trailers.</summary>
    TrailersOnly,

    /// <summary>Headers arrived; messages and trailers follow.</summary>
    Messages,
}
