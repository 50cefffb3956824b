using System.Reflection;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Lifecycle.Grpc.Server;

/// <summary>Finds what Grpc.Tools generated for a service implementation: the static BindService method and the service descriptor.</summary>
internal sealed class GeneratedServiceBinding
{
    private readonly MethodInfo bindMethod;

    private GeneratedServiceBinding(Type bindType, MethodInfo bindMethod)
    {
        BindType = bindType;
        this.bindMethod = bindMethod;
    }

    /// <summary>The generated static class declaring the base class (e.g. EchoService for EchoService.EchoServiceBase).</summary>
    public Type BindType { get; }

    public static GeneratedServiceBinding Find(Type serviceType)
    {
        var attribute = serviceType.GetCustomAttribute<BindServiceMethodAttribute>(inherit: true)
            ?? throw new InvalidOperationException($"{serviceType} is not a gRPC service: it does not derive from a class generated with [BindServiceMethod].");
        foreach (var method in attribute.BindType.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
        {
            var parameters = method.GetParameters();
            if (method.Name == attribute.BindMethodName && parameters.Length == 2 && parameters[0].ParameterType == typeof(ServiceBinderBase))
            {
                return new GeneratedServiceBinding(attribute.BindType, method);
            }
        }

        throw new InvalidOperationException($"{attribute.BindType} has no static {attribute.BindMethodName}(ServiceBinderBase, TService) method.");
    }

    /// <summary>The generated "Descriptor" property of the bind type, or null for hand-written bindings.</summary>
    public ServiceDescriptor? Descriptor =>
        BindType.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as ServiceDescriptor;

    /// <summary>Announces every method to <paramref name="binder"/>; the null implementation means "resolve per call".</summary>
    public void Bind(ServiceBinderBase binder) => bindMethod.Invoke(null, [binder, null]);
}
