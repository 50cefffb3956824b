using System.Collections.Concurrent;

namespace Lifecycle.Grpc.Tests.Server.Support;

/// <summary>Lets a test observe what happened inside handlers and interceptors of the server it started.</summary>
public sealed class CallProbe
{
    public TaskCompletionSource HandlerStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource HandlerTokenCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<string> Events { get; } = new();
}
