using Lifecycle.Grpc.Protocol;

namespace Grpc.Core;

/// <summary>Reads the richer error model back from a failed call, as grpc-dotnet's Grpc.StatusProto does.</summary>
public static class RpcExceptionExtensions
{
    /// <summary>The google.rpc.Status from the grpc-status-details-bin trailer, or null when absent or unreadable.</summary>
    public static Google.Rpc.Status? GetRpcStatus(this RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var bytes = exception.Trailers.GetValueBytes(GrpcHeaders.StatusDetailsBin);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return Google.Rpc.Status.Parser.ParseFrom(bytes);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            // A peer sent garbage; the plain status code and message still describe the failure.
            return null;
        }
    }
}
