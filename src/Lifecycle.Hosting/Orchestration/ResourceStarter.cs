using Lifecycle.Hosting.Logging;

namespace Lifecycle.Hosting.Orchestration;

/// <summary>Starts one resource once everything it waits for is healthy, and stops it again.</summary>
internal sealed class ResourceStarter(Resource resource, HostingOptions options, RunStateFile runState, ConsoleLogSink? console)
{
    private readonly List<InstanceSupervisor> supervisors = [];

    public Resource Resource { get; } = resource;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await WaitForDependenciesAsync(cancellationToken);
        switch (Resource)
        {
            case ProcessResource process:
                await StartProcessesAsync(process, cancellationToken);
                break;
            case InitializedResource initialized:
                await InitializeAsync(initialized, cancellationToken);
                break;
        }
    }

    public Task StopAsync() => Task.WhenAll(supervisors.Select(s => s.StopAsync()));

    private async Task WaitForDependenciesAsync(CancellationToken cancellationToken)
    {
        var dependencies = Resource.WaitsFor.Concat(Resource.ImplicitWaits).OfType<Resource>().Distinct();
        foreach (var instance in dependencies.SelectMany(d => d.Instances))
        {
            await instance.WaitForStateAsync(state => state == ResourceState.Healthy, cancellationToken);
        }
    }

    private async Task StartProcessesAsync(ProcessResource process, CancellationToken cancellationToken)
    {
        var environment = InjectedEnvironment();
        var dataDirectory = Path.Combine(options.DataDirectory, process.Name);
        foreach (var instance in process.Instances)
        {
            var context = new LaunchContext(instance, dataDirectory, options, environment);
            if (instance.ReplicaIndex == 0 && !await TryPrepareAsync(process, context, cancellationToken))
            {
                return;
            }
            var supervisor = new InstanceSupervisor(process, context, runState, console);
            lock (supervisors)
            {
                supervisors.Add(supervisor);
            }
            supervisor.Start();
        }
    }

    private static async Task<bool> TryPrepareAsync(ProcessResource process, LaunchContext context, CancellationToken cancellationToken)
    {
        try
        {
            await process.PrepareAsync(context, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.Instance.Logs.Append($"preparation failed: {e.Message}", isError: true);
            context.Instance.SetState(ResourceState.Failed, exitCode: -1);
            return false;
        }
    }

    private static async Task InitializeAsync(InitializedResource resource, CancellationToken cancellationToken)
    {
        var instance = resource.Instances[0];
        instance.SetState(ResourceState.Starting);
        try
        {
            await resource.InitializeAsync(cancellationToken);
            instance.SetState(ResourceState.Healthy);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            instance.Logs.Append($"initialization failed: {e.Message}", isError: true);
            instance.SetState(ResourceState.Failed, exitCode: -1);
        }
    }

    /// <summary>References first, explicit WithEnvironment last (it wins).</summary>
    private Dictionary<string, string> InjectedEnvironment()
    {
        var environment = new Dictionary<string, string>();
        foreach (var (key, value) in Resource.References.SelectMany(r => r.GetReferenceEnvironment()))
        {
            environment[key] = value;
        }
        foreach (var (key, value) in Resource.Environment)
        {
            environment[key] = value;
        }
        return environment;
    }
}
