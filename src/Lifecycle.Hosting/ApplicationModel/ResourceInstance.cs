using Lifecycle.Hosting.Logging;

namespace Lifecycle.Hosting;

/// <summary>
/// One running copy of a resource (replica i of a service, or the single instance of Redis):
/// its ports, process, state history and logs.
/// </summary>
public sealed class ResourceInstance(Resource resource, string name, int replicaIndex, IReadOnlyDictionary<string, int> ports, ResourceLog logs)
{
    private readonly Lock gate = new();
    private readonly List<StateChange> history = [new(ResourceState.Waiting, DateTimeOffset.UtcNow)];

    public Resource Resource { get; } = resource;

    /// <summary>The resource name for replica 0, "&lt;name&gt;-&lt;i&gt;" for further replicas.</summary>
    public string Name { get; } = name;

    public int ReplicaIndex { get; } = replicaIndex;

    public IReadOnlyDictionary<string, int> Ports { get; } = ports;

    public ResourceLog Logs { get; } = logs;

    /// <summary>Leader PID (and process-group id) of the current process, when one runs.</summary>
    public int? Pid { get; internal set; }

    public int Restarts { get; internal set; }

    public event Action<ResourceInstance, StateChange>? StateChanged;

    public StateChange Current
    {
        get
        {
            lock (gate)
            {
                return history[^1];
            }
        }
    }

    public ResourceState State => Current.State;

    public IReadOnlyList<StateChange> History
    {
        get
        {
            lock (gate)
            {
                return [.. history];
            }
        }
    }

    /// <summary>Advertised endpoints as URLs on loopback (e.g. grpc → http://127.0.0.1:7101).</summary>
    public IReadOnlyDictionary<string, string> EndpointUrls =>
        Resource.Endpoints.Where(e => e.Visible)
            .ToDictionary(e => e.Name, e => $"{e.Scheme}://127.0.0.1:{Ports[e.Name]}");

    /// <summary>The reason the AppHost gave up on this instance, or null while it may still become healthy.</summary>
    public string? FailureReason => Current.FailureReason;

    internal void SetState(ResourceState state, int? exitCode = null) => Record(new StateChange(state, DateTimeOffset.UtcNow, exitCode));

    /// <summary>Marks the instance Failed for good: it is not retried, and its dependents give up as well.</summary>
    internal void GiveUp(string reason)
    {
        Logs.Append(reason, isError: true);
        Record(new StateChange(ResourceState.Failed, DateTimeOffset.UtcNow, -1, reason));
    }

    private void Record(StateChange change)
    {
        lock (gate)
        {
            var last = history[^1];
            if (last.State == change.State && last.ExitCode == change.ExitCode && last.FailureReason == change.FailureReason)
            {
                return;
            }
            history.Add(change);
        }
        StateChanged?.Invoke(this, change);
    }

    /// <summary>Completes when the state satisfies the condition (checked now and on every change).</summary>
    public Task WaitForStateAsync(Func<ResourceState, bool> condition, CancellationToken cancellationToken) =>
        WaitForAsync(change => condition(change.State), cancellationToken);

    /// <summary>Completes when the instance is Healthy (true) or the AppHost gave up on it (false).</summary>
    public async Task<bool> WaitForHealthyOrGivenUpAsync(CancellationToken cancellationToken)
    {
        await WaitForAsync(change => change.State == ResourceState.Healthy || change.IsFinalFailure, cancellationToken);
        return !Current.IsFinalFailure;
    }

    private async Task WaitForAsync(Func<StateChange, bool> condition, CancellationToken cancellationToken)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChange(ResourceInstance _, StateChange change)
        {
            if (condition(change))
            {
                reached.TrySetResult();
            }
        }
        StateChanged += OnChange;
        try
        {
            if (condition(Current))
            {
                return;
            }
            await reached.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            StateChanged -= OnChange;
        }
    }
}
