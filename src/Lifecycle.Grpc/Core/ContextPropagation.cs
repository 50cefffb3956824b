namespace Grpc.Core;

/// <summary>Carries a server call's deadline and cancellation into the calls it makes.</summary>
public abstract class ContextPropagationToken
{
}

/// <summary>Which parts of a server call's context propagate to child calls.</summary>
public class ContextPropagationOptions(bool propagateDeadline = true, bool propagateCancellation = true)
{
    public static readonly ContextPropagationOptions Default = new();

    public bool IsPropagateDeadline { get; } = propagateDeadline;

    public bool IsPropagateCancellation { get; } = propagateCancellation;
}
