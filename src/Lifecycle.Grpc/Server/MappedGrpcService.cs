using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Lifecycle.Grpc.Server;

/// <summary>A service mapped with MapGrpcService: its implementation, the generated class that binds it, its methods and its generated descriptor (null for hand-written bindings).</summary>
internal sealed record MappedGrpcService(Type ImplementationType, Type BindType, string Name, IReadOnlyList<IMethod> Methods, ServiceDescriptor? Descriptor);
