using System.Diagnostics;
using Lifecycle.Hosting.Logging;
using Lifecycle.Hosting.Processes;

namespace Lifecycle.Hosting.Orchestration;

/// <summary>
/// Keeps one instance of a process resource running: start, probe health, report a crash with its last
/// output, restart with backoff; and on stop, the clean shutdown of its whole process group.
/// </summary>
internal sealed class InstanceSupervisor(ProcessResource resource, LaunchContext context, RunStateFile runState, ConsoleLogSink? console)
{
    private const int CrashReportLines = 10;
    private readonly CancellationTokenSource stopping = new();
    private readonly RestartBackoff backoff = new();
    private Task loop = Task.CompletedTask;
    private TimeSpan lastRunLength;

    private ResourceInstance Instance => context.Instance;

    public void Start() => loop = Task.Run(() => SuperviseAsync(stopping.Token));

    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        await loop;
    }

    private async Task SuperviseAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Instance.SetState(ResourceState.Starting);
            ManagedProcess process;
            try
            {
                process = ManagedProcess.Start(resource.CreateLaunch(context), (line, isError) => Instance.Logs.Append(line, isError));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Instance.GiveUp($"could not start: {e.Message}");
                return;
            }
            var exitCode = await RunOnceAsync(process, stop);
            if (stop.IsCancellationRequested || exitCode == 0)
            {
                Instance.SetState(ResourceState.Exited, exitCode);
                return;
            }
            Instance.SetState(ResourceState.Failed, exitCode);
            if (!await DelayRestartAsync(exitCode, stop))
            {
                Instance.SetState(ResourceState.Exited, exitCode);
                return;
            }
            Instance.Restarts++;
        }
    }

    /// <summary>Runs the process until it exits or we are told to stop; returns its exit code.</summary>
    private async Task<int> RunOnceAsync(ManagedProcess process, CancellationToken stop)
    {
        var started = Stopwatch.StartNew();
        Instance.Pid = process.Pid;
        runState.Record(Instance.Name, process);
        Instance.SetState(ResourceState.Running);
        using var monitoring = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var monitor = MonitorHealthAsync(monitoring.Token);

        await Task.WhenAny(process.Exited, Task.Delay(Timeout.Infinite, stop)).ConfigureAwait(false);
        // Stop probing before recording the outcome, so a late "healthy" never overwrites "failed".
        await monitoring.CancelAsync();
        await monitor;
        if (stop.IsCancellationRequested)
        {
            await process.StopAsync();
        }
        else
        {
            // A crashed leader may leave children behind in its group.
            await process.Group.TerminateAsync(TimeSpan.FromSeconds(3));
        }
        runState.Forget(Instance.Name);
        lastRunLength = started.Elapsed;
        return await process.Exited;
    }

    private async Task MonitorHealthAsync(CancellationToken cancellationToken)
    {
        var probe = resource.CreateHealthProbe(Instance);
        if (probe is null)
        {
            Instance.SetState(ResourceState.Healthy);
            return;
        }
        var wasHealthy = false;
        try
        {
            while (true)
            {
                var healthy = await probe.IsHealthyAsync(cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                if (healthy)
                {
                    if (!wasHealthy)
                    {
                        wasHealthy = true;
                        probe = resource.CreateLivenessProbe(Instance) ?? probe;
                    }
                    Instance.SetState(ResourceState.Healthy);
                }
                else if (wasHealthy)
                {
                    Instance.SetState(ResourceState.Unhealthy);
                }
                // Poll fast until first healthy (startup latency), then settle into a slower watch.
                await Task.Delay(wasHealthy ? TimeSpan.FromSeconds(1) : TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<bool> DelayRestartAsync(int exitCode, CancellationToken stop)
    {
        var delay = backoff.NextDelay(lastRunLength);
        if (console is not null)
        {
            console.Info($"{Instance.Name} failed with exit code {exitCode}; restarting in {delay.TotalSeconds:0.0} s. Last output:");
            foreach (var line in Instance.Logs.Tail(CrashReportLines))
            {
                console.Info($"  {Instance.Name}: {line.Text}");
            }
        }
        try
        {
            await Task.Delay(delay, stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
