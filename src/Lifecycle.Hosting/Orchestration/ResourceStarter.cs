using Lifecycle.Hosting.Logging;

namespace Lifecycle.Hosting.Orchestration;

/// <summary>Starts one resource once everything it waits for is healthy, and stops it again.</summary>
internal sealed class ResourceStarter(Resource resource, HostingOptions options, RunStateFile runState, ConsoleLogSink? console)
{
    private readonly List<InstanceSupervisor> supervisors = [];

    public Resource Resource { get; } = resource;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await WaitForDependenciesAsync(cancellationToken))
        {
            return;
        }
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

    /// <summary>False when something this resource waits for was given up on: then so is this resource.</summary>
    private async Task<bool> WaitForDependenciesAsync(CancellationToken cancellationToken)
    {
        var dependencies = Resource.WaitsFor.Concat(Resource.ImplicitWaits).OfType<Resource>().Distinct();
        foreach (var dependency in dependencies.SelectMany(d => d.Instances))
        {
            if (!await dependency.WaitForHealthyOrGivenUpAsync(cancellationToken))
            {
                foreach (var instance in Resource.Instances)
                {
                    instance.GiveUp($"not started: {dependency.Name} failed ({dependency.FailureReason})");
                }
                return false;
            }
        }
        return true;
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
            context.Instance.GiveUp($"preparation failed: {e.Message}");
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
            instance.GiveUp($"initialization failed: {e.Message}");
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
