using System.Diagnostics;
using System.Runtime.InteropServices;
using Lifecycle.Hosting.Dashboard;
using Lifecycle.Hosting.Logging;
using Lifecycle.Hosting.Orchestration;

namespace Lifecycle.Hosting;

/// <summary>
/// The running resource graph (Aspire's DistributedApplication): starts every resource in dependency
/// order, publishes state (console table, endpoints.json, dashboard), and stops services, then
/// infrastructure, leaving no process behind.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private const int DashboardLogLines = 40;
    private readonly HostingOptions options;
    private readonly ConsoleLogSink? console;
    private readonly RunStateFile runState;
    private readonly List<ResourceStarter> starters;
    private readonly CancellationTokenSource startup = new();
    private readonly Lock publishGate = new();
    private readonly Stopwatch sinceStart = new();
    private readonly int dashboardPort;
    private DashboardServer? dashboard;
    private List<Task> startTasks = [];
    private bool announcedHealthy;
    private bool started;
    private bool stopped;

    internal DistributedApplication(HostingOptions options, IReadOnlyList<Resource> resources, int dashboardPort, ConsoleLogSink? console)
    {
        this.options = options;
        this.console = console;
        this.dashboardPort = dashboardPort;
        Resources = resources;
        runState = new RunStateFile(Path.Combine(options.StateDirectory, "run.json"));
        starters = resources.Select(r => new ResourceStarter(r, options, runState, console)).ToList();
    }

    public static DistributedApplicationBuilder CreateBuilder(string[] args)
    {
        var configuration = HostingOptionsReader.BuildConfiguration(args);
        return new DistributedApplicationBuilder(HostingOptionsReader.Read(configuration), configuration);
    }

    public static DistributedApplicationBuilder CreateBuilder(HostingOptions options) =>
        new(options, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());

    public IReadOnlyList<Resource> Resources { get; }

    public IEnumerable<ResourceInstance> Instances => Resources.SelectMany(r => r.Instances);

    public string EndpointsFilePath => Path.Combine(options.StateDirectory, EndpointsFile.FileName);

    public string? DashboardUrl => options.Dashboard ? $"http://127.0.0.1:{dashboardPort}" : null;

    /// <summary>How long the last start took until every instance was healthy.</summary>
    public TimeSpan? TimeToHealthy { get; private set; }

    public ResourceInstance GetInstance(string name) =>
        Instances.FirstOrDefault(i => i.Name == name) ?? throw new KeyNotFoundException($"No resource instance named '{name}'");

    public IReadOnlyList<ResourceSnapshot> Snapshot() => Instances.Select(i => ResourceSnapshot.Of(i, DashboardLogLines)).ToList();

    /// <summary>Checks, cleans a stale run, then starts everything (returns without waiting for health).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        sinceStart.Start();
        var cleaned = await StaleRunCleaner.CleanAsync(runState.Path);
        if (cleaned.Count > 0)
        {
            console?.Info($"stopped processes left by a killed AppHost: {string.Join(", ", cleaned)}");
        }
        StartupChecks.Run(Resources, options, options.Dashboard ? dashboardPort : null);
        if (options.Fresh && Directory.Exists(options.DataDirectory))
        {
            Directory.Delete(options.DataDirectory, recursive: true);
        }
        Directory.CreateDirectory(options.DataDirectory);
        runState.Begin();
        started = true;
        foreach (var instance in Instances)
        {
            instance.StateChanged += OnStateChanged;
        }
        Publish();
        if (options.Dashboard)
        {
            dashboard = new DashboardServer(dashboardPort, Snapshot);
            await dashboard.StartAsync(cancellationToken);
            console?.Info($"dashboard: {DashboardUrl}");
        }
        startTasks = starters.Select(s => Task.Run(() => s.StartAsync(startup.Token), CancellationToken.None)).ToList();
    }

    /// <summary>
    /// Completes when every instance is healthy; throws TimeoutException naming the laggards, or
    /// InvalidOperationException as soon as the AppHost gave up on one (naming it and why).
    /// </summary>
    public async Task WaitForAllHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var outcomes = await Task.WhenAll(Instances.Select(i => i.WaitForHealthyOrGivenUpAsync(deadline.Token)));
            if (outcomes.Contains(false))
            {
                var failed = Instances.Where(i => i.FailureReason is not null).Select(i => $"{i.Name}: {i.FailureReason}");
                throw new InvalidOperationException($"gave up on resources: {string.Join("; ", failed)}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var lagging = Instances.Where(i => i.State != ResourceState.Healthy).Select(i => $"{i.Name}={i.State}");
            throw new TimeoutException($"not healthy after {timeout.TotalSeconds:0} s: {string.Join(", ", lagging)}");
        }
    }

    /// <summary>Services first, then infrastructure; every process group is gone when this returns.</summary>
    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }
        stopped = true;
        if (!started)
        {
            return; // Startup checks failed: nothing was started, nothing to publish.
        }
        await startup.CancelAsync();
        await Task.WhenAll(startTasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        await Task.WhenAll(starters.Where(s => s.Resource.IsService).Select(s => s.StopAsync()));
        await Task.WhenAll(starters.Where(s => !s.Resource.IsService).Select(s => s.StopAsync()));
        if (dashboard is not null)
        {
            await dashboard.DisposeAsync();
        }
        Publish();
        runState.Delete();
        foreach (var instance in Instances)
        {
            instance.Logs.Dispose();
        }
    }

    /// <summary>
    /// Runs until Ctrl+C or SIGTERM, then stops cleanly. A run that cannot start prints one message
    /// and leaves a non-zero exit code.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var shutdown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            shutdown.TrySetResult();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var cancelled = cancellationToken.Register(() => shutdown.TrySetResult());
        try
        {
            await StartAsync(cancellationToken);
            await shutdown.Task;
            console?.Info("stopping: services first, then infrastructure");
        }
        catch (HostingStartupException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            Environment.ExitCode = 2;
        }
        finally
        {
            await StopAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void OnStateChanged(ResourceInstance instance, StateChange change)
    {
        console?.Info(change switch
        {
            { FailureReason: { } reason } => $"{instance.Name}: Failed for good, not retried: {reason}",
            { ExitCode: { } code } => $"{instance.Name}: {change.State} (exit code {code})",
            _ => $"{instance.Name}: {change.State}",
        });
        Publish();
    }

    private void Publish()
    {
        lock (publishGate)
        {
            var snapshot = Snapshot();
            var all = dashboard is null ? snapshot : [.. snapshot, DashboardSnapshot()];
            EndpointsFile.Write(EndpointsFilePath, all);
            if (!announcedHealthy && !stopped && snapshot.All(s => s.State == ResourceState.Healthy))
            {
                announcedHealthy = true;
                TimeToHealthy = sinceStart.Elapsed;
                console?.Info($"all resources healthy after {TimeToHealthy.Value.TotalSeconds:0.0} s");
                Console.Out.Write(ResourceTable.Format(all));
            }
        }
    }

    private ResourceSnapshot DashboardSnapshot() =>
        new("dashboard", "Dashboard", stopped ? ResourceState.Exited : ResourceState.Healthy, null, Environment.ProcessId, 0,
            new Dictionary<string, string> { ["http"] = DashboardUrl! }, []);
}
