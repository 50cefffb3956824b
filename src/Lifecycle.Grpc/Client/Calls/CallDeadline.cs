using Grpc.Core;
using Lifecycle.Grpc.Server;

namespace Lifecycle.Grpc.Client.Calls;

/// <summary>A call's effective deadline and parent cancellation: its own options, tightened by a propagated server call.</summary>
internal static class CallDeadline
{
    public static (DateTime? Deadline, CancellationToken ParentToken) Resolve(CallOptions options)
    {
        var deadline = Normalize(options.Deadline);
        if (options.PropagationToken is not ServerCallPropagationToken parent)
        {
            return (deadline, default);
        }

        if (parent.Options.IsPropagateDeadline && Normalize(parent.Deadline) is { } parentDeadline && (deadline is null || parentDeadline < deadline))
        {
            deadline = parentDeadline;
        }

        return (deadline, parent.Options.IsPropagateCancellation ? parent.CancellationToken : default);
    }

    /// <summary>UTC, and null for "no deadline" (DateTime.MaxValue, as in Grpc.Core).</summary>
    private static DateTime? Normalize(DateTime? deadline) => deadline switch
    {
        null => null,
        { } value when value == DateTime.MaxValue => null,
        { Kind: DateTimeKind.Local } value => value.ToUniversalTime(),
        { } value => value,
    };
}
