using Lifecycle.Hosting.Processes;
using Lifecycle.Testing;

namespace Lifecycle.Hosting.Tests;

/// <summary>The real AppHost as a child process: what `dotnet run --project Lifecycle.AppHost` does.</summary>
public sealed class AppHostTests
{
    [Fact]
    public async Task AppHost_brings_every_resource_to_healthy_and_Ctrl_C_leaves_no_process_or_port_behind()
    {
        await using var system = new AsyncFixture<SystemHarness>(new SystemHarness());
        await system.Value.InitializeAsync();
        var harness = system.Value;
        var urls = harness.Resources.SelectMany(r => r.Value.Endpoints.Values).ToList();
        var descendants = ProcessTable.Descendants(harness.AppHostPid);

        Assert.Contains("cache", harness.Resources.Keys);
        Assert.Contains("messaging", harness.Resources.Keys);
        Assert.Contains("dashboard", harness.Resources.Keys);
        foreach (var url in urls)
        {
            Assert.True(await EndpointProbes.For(url).IsHealthyAsync(CancellationToken.None), $"{url} is not healthy");
        }
        // redis-server, and RabbitMQ's shell, epmd and beam.smp at least.
        Assert.True(descendants.Count >= 4, $"expected the AppHost's children, found {descendants.Count}");

        var exitCode = await harness.StopAsync();

        Assert.Equal(0, exitCode);
        Assert.All(descendants, p => Assert.False(
            ProcessTable.TryRead(p.Pid) is { IsAlive: true } now && now.StartTime == p.StartTime, $"pid {p.Pid} survived Ctrl+C"));
        Assert.All(urls, url => Assert.True(FreePort.IsFree(new Uri(url).Port), $"{url} still listening"));
        Assert.Empty(ProcessScan.Referencing(harness.State.Path));
        Assert.False(File.Exists(Path.Combine(harness.State.Path, "run.json")));
    }

    [Fact]
    public async Task Processes_left_by_a_SIGKILLed_AppHost_are_stopped_by_the_next_start()
    {
        await using var system = new AsyncFixture<SystemHarness>(new SystemHarness());
        var harness = system.Value;
        await harness.InitializeAsync();
        var runFile = Path.Combine(harness.State.Path, "run.json");
        var leftBehind = Orchestration.RunStateFile.TryLoad(runFile)!.Processes;
        Assert.Contains("cache", leftBehind.Keys);
        Assert.Contains("messaging", leftBehind.Keys);

        Assert.Equal(0, Libc.Kill(harness.AppHostPid, Libc.SIGKILL));
        await harness.StopAsync();
        Assert.All(leftBehind.Values, p => Assert.True(new ProcessGroup(p.Pid).IsAlive, "the killed AppHost's children should survive it"));
        harness.Launch();
        await harness.WaitUntilHealthyAsync();

        Assert.All(leftBehind, p => Assert.False(new ProcessGroup(p.Value.Pid).IsAlive, $"{p.Key} from the killed run is still alive"));
        Assert.Contains("stopped processes left by a killed AppHost", harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppHost_without_redis_server_on_PATH_names_the_package_and_exits_non_zero()
    {
        await using var system = new AsyncFixture<SystemHarness>(new SystemHarness());
        system.Value.Environment["PATH"] = "/nonexistent";

        var appHost = system.Value.Launch();
        var exitCode = await appHost.Exited.WaitAsync(TimeSpan.FromSeconds(60));
        await appHost.OutputClosed.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("redis-server not found: install it with 'apt-get install -y --no-install-recommends redis-server'",
            system.Value.Output, StringComparison.Ordinal);
        Assert.Empty(ProcessScan.Referencing(system.Value.State.Path));
        Assert.False(File.Exists(system.Value.EndpointsFilePath));
    }
}
