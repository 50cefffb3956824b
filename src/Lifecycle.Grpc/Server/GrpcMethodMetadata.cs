using Grpc.Core;

namespace Grpc.AspNetCore.Server;

/// <summary>Endpoint metadata naming the gRPC service type and method an endpoint serves.</summary>
public sealed class GrpcMethodMetadata(Type serviceType, IMethod method)
{
    public Type ServiceType { get; } = serviceType;

    public IMethod Method { get; } = method;
}
