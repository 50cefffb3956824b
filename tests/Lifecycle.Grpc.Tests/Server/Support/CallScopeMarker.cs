namespace Lifecycle.Grpc.Tests.Server.Support;

/// <summary>A scoped service: one instance per DI scope, told apart by its id.</summary>
public sealed class CallScopeMarker
{
    public string Id { get; } = Guid.NewGuid().ToString("N");
}
