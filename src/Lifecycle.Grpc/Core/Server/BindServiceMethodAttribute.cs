namespace Grpc.Core;

/// <summary>Names the static method that binds a generated service base class (BindService(ServiceBinderBase, TService)).</summary>
[AttributeUsage(AttributeTargets.Class)]
public class BindServiceMethodAttribute(Type bindType, string bindMethodName) : Attribute
{
    public Type BindType { get; } = bindType;

    public string BindMethodName { get; } = bindMethodName;
}
