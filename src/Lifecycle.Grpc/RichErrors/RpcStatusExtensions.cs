using Google.Protobuf;
using Lifecycle.Grpc.Protocol;

namespace Grpc.Core;

/// <summary>The richer error model on <see cref="Google.Rpc.Status"/>, with the names grpc-dotnet's Grpc.StatusProto uses.</summary>
public static class RpcStatusExtensions
{
    /// <summary>
    /// An RpcException whose grpc-status and grpc-message come from <paramref name="status"/> and whose trailers carry
    /// the whole status, details included, in grpc-status-details-bin.
    /// </summary>
    public static RpcException ToRpcException(this Google.Rpc.Status status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var trailers = new Metadata { { GrpcHeaders.StatusDetailsBin, status.ToByteArray() } };
        return new RpcException(new Status((StatusCode)status.Code, status.Message), trailers);
    }

    /// <summary>The first detail of type <typeparamref name="T"/>, or null when the status has none.</summary>
    public static T? GetDetail<T>(this Google.Rpc.Status status)
        where T : class, IMessage<T>, new()
    {
        ArgumentNullException.ThrowIfNull(status);
        var descriptor = new T().Descriptor;
        foreach (var detail in status.Details)
        {
            if (detail.Is(descriptor))
            {
                return detail.Unpack<T>();
            }
        }

        return null;
    }
}
