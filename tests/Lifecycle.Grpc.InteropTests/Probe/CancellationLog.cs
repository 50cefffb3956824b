using System.Collections.Concurrent;

namespace Lifecycle.Grpc.InteropTests.Probe;

/// <summary>
/// Remembers which Hang calls saw their cancellation, so a client on the other side of the wire can wait for
/// that to happen (AwaitCancellation) instead of guessing with a sleep.
/// </summary>
public sealed class CancellationLog
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> observed = new();

    public void Observe(string ticket) => Entry(ticket).TrySetResult();

    /// <summary>Completes once <paramref name="ticket"/> was observed (immediately if it already was).</summary>
    public Task WaitAsync(string ticket, CancellationToken cancellationToken) => Entry(ticket).Task.WaitAsync(cancellationToken);

    private TaskCompletionSource Entry(string ticket) =>
        observed.GetOrAdd(ticket, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
