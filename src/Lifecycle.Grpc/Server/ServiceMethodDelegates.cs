using System.Reflection;

namespace Lifecycle.Grpc.Server;

/// <summary>Turns a generated base class method into an open-instance delegate, so each call dispatches to that call's service instance.</summary>
internal static class ServiceMethodDelegates
{
    public static TDelegate Create<TDelegate>(Type serviceType, string methodName, params Type[] parameterTypes)
        where TDelegate : Delegate
    {
        var methodInfo = serviceType.GetMethod(methodName, BindingFlags.Public | BindingFlags.Instance, parameterTypes)
            ?? throw new InvalidOperationException($"Could not find the method '{methodName}' on the gRPC service type {serviceType}.");
        return methodInfo.CreateDelegate<TDelegate>();
    }
}
