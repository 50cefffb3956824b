using Grpc.Core;

namespace Lifecycle.Grpc.Server;

/// <summary>A server call's deadline and cancellation, handed to outgoing calls through CallOptions.PropagationToken.</summary>
internal sealed class ServerCallPropagationToken(DateTime deadline, CancellationToken cancellationToken, ContextPropagationOptions options)
    : ContextPropagationToken
{
    /// <summary>The parent call's deadline (DateTime.MaxValue when it has none), in UTC.</summary>
    public DateTime Deadline { get; } = deadline;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public ContextPropagationOptions Options { get; } = options;
}
