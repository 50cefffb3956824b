using System.Collections.Concurrent;

namespace Lifecycle.Grpc.Tests.Client.Infrastructure;

/// <summary>Lets a test see, from the server side, that a handler started and that its call was aborted (cancel, deadline, reset).</summary>
public sealed class CallProbe
{
    /// <summary>Request header naming the probe a call reports to.</summary>
    public const string Header = "x-probe-id";

    private readonly ConcurrentDictionary<string, (TaskCompletionSource Started, TaskCompletionSource Aborted)> calls = new();

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Completes when the server began handling the call with this id.</summary>
    public Task StartedAsync(string id) => Get(id).Started.Task;

    /// <summary>Completes when the server saw the call with this id aborted.</summary>
    public Task AbortedAsync(string id) => Get(id).Aborted.Task;

    public void Watch(string? id, CancellationToken callAborted)
    {
        if (id is null)
        {
            return;
        }

        var (started, aborted) = Get(id);
        callAborted.Register(() => aborted.TrySetResult());
        started.TrySetResult();
    }

    private (TaskCompletionSource Started, TaskCompletionSource Aborted) Get(string id) =>
        calls.GetOrAdd(id, _ => (NewSource(), NewSource()));

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
