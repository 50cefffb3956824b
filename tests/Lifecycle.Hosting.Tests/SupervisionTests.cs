using Lifecycle.Hosting.Processes;
using Lifecycle.Testing;

namespace Lifecycle.Hosting.Tests;

public sealed class SupervisionTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_service_killed_with_SIGKILL_is_reported_failed_and_comes_back_healthy()
    {
        using var state = new TestDirectory("sigkill");
        var builder = TestService.CreateBuilder(state);
        builder.AddProject("loyalty", TestService.ProjectPath);
        await using var app = builder.Build();
        await app.StartAsync();
        await app.WaitForAllHealthyAsync(StartTimeout);
        var service = app.GetInstance("loyalty");
        var firstPid = service.Pid!.Value;
        var failed = service.WaitForStateAsync(s => s == ResourceState.Failed, CancellationToken.None);

        Assert.Equal(0, Libc.Kill(firstPid, Libc.SIGKILL));
        await failed.WaitAsync(StartTimeout);
        await service.WaitForStateAsync(s => s == ResourceState.Healthy, CancellationToken.None).WaitAsync(StartTimeout);

        var failure = service.History.Last(h => h.State == ResourceState.Failed);
        Assert.Equal(128 + Libc.SIGKILL, failure.ExitCode);
        Assert.NotEqual(firstPid, service.Pid);
        Assert.Equal(1, service.Restarts);
        Assert.False(ProcessTable.TryRead(firstPid)?.IsAlive ?? false);
    }

    [Fact]
    public async Task A_server_that_stops_answering_is_reported_unhealthy_and_healthy_again_when_it_recovers()
    {
        using var state = new TestDirectory("unhealthy");
        var builder = TestService.CreateBuilder(state);
        builder.AddRedis("cache");
        await using var app = builder.Build();
        await app.StartAsync();
        await app.WaitForAllHealthyAsync(StartTimeout);
        var cache = app.GetInstance("cache");
        var unhealthy = cache.WaitForStateAsync(s => s == ResourceState.Unhealthy, CancellationToken.None);

        // A frozen process keeps its port open but never answers PING.
        Assert.Equal(0, Libc.Kill(cache.Pid!.Value, Libc.SIGSTOP));
        try
        {
            await unhealthy.WaitAsync(StartTimeout);
        }
        finally
        {
            Assert.Equal(0, Libc.Kill(cache.Pid!.Value, Libc.SIGCONT));
        }
        await cache.WaitForStateAsync(s => s == ResourceState.Healthy, CancellationToken.None).WaitAsync(StartTimeout);

        Assert.Equal(0, cache.Restarts);
        Assert.Contains(cache.History, h => h.State == ResourceState.Unhealthy);
    }

    [Fact]
    public async Task A_service_that_exits_with_an_error_is_restarted()
    {
        using var state = new TestDirectory("crash");
        var builder = TestService.CreateBuilder(state);
        builder.AddProject("campaigns", TestService.ProjectPath);
        await using var app = builder.Build();
        await app.StartAsync();
        await app.WaitForAllHealthyAsync(StartTimeout);
        var service = app.GetInstance("campaigns");
        var failed = service.WaitForStateAsync(s => s == ResourceState.Failed, CancellationToken.None);

        using (var client = new HttpClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{service.EndpointUrls["grpc"]}/crash")
            {
                Version = System.Net.HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            (await client.SendAsync(request)).EnsureSuccessStatusCode();
        }
        await failed.WaitAsync(StartTimeout);
        await service.WaitForStateAsync(s => s == ResourceState.Healthy, CancellationToken.None).WaitAsync(StartTimeout);

        Assert.Equal(3, service.History.Last(h => h.State == ResourceState.Failed).ExitCode);
    }

    [Fact]
    public async Task Stopping_ends_every_process_group_frees_every_port_and_removes_the_run_file()
    {
        using var state = new TestDirectory("stop");
        var builder = TestService.CreateBuilder(state, dashboard: true);
        var cache = builder.AddRedis("cache");
        builder.AddProject("contacts", TestService.ProjectPath).WithReference(cache).WaitFor(cache);
        var app = builder.Build();
        await app.StartAsync();
        await app.WaitForAllHealthyAsync(StartTimeout);
        var groups = app.Instances.Select(i => new ProcessGroup(i.Pid!.Value)).ToList();
        var ports = app.Instances.SelectMany(i => i.Ports.Values).ToList();
        Assert.True(File.Exists(Path.Combine(state.Path, "run.json")));

        await app.StopAsync();

        Assert.All(groups, g => Assert.False(g.IsAlive, $"process group {g.Id} survived"));
        Assert.All(ports, p => Assert.True(FreePort.IsFree(p), $"port {p} still in use"));
        Assert.False(File.Exists(Path.Combine(state.Path, "run.json")));
        Assert.All(app.Instances, i => Assert.Equal(ResourceState.Exited, i.State));
    }

    [Fact]
    public async Task Output_goes_to_the_ring_buffer_and_to_the_resource_log_file()
    {
        using var state = new TestDirectory("logs");
        var builder = TestService.CreateBuilder(state);
        builder.AddProject("orders", TestService.ProjectPath);
        builder.AddRedis("cache");
        await using var app = builder.Build();
        await app.StartAsync();
        await app.WaitForAllHealthyAsync(StartTimeout);

        var service = app.GetInstance("orders");
        Assert.Contains(service.Logs.Tail(50), line => line.Text.Contains("Now listening on", StringComparison.Ordinal));
        var file = await File.ReadAllTextAsync(Path.Combine(state.Path, "logs", "orders.log"));
        Assert.Contains("Now listening on", file, StringComparison.Ordinal);
        var redisLog = await File.ReadAllTextAsync(Path.Combine(state.Path, "logs", "cache.log"));
        Assert.Contains("Ready to accept connections", redisLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_run_left_by_a_killed_AppHost_is_stopped_on_the_next_start()
    {
        using var state = new TestDirectory("stale");
        // What a SIGKILLed AppHost leaves: its processes running in their own groups, and run.json.
        await using var orphan = ManagedProcess.Start(new ProcessLaunch("/bin/sh", ["-c", "sleep 300 & exec sleep 300"]), (_, _) => { });
        await Until(() => ProcessTable.GroupMembers(orphan.Group.Id).Count == 2);
        var deadAppHost = new Orchestration.RecordedProcess(Pid: int.MaxValue - 1, StartTime: 1);
        var stale = new Orchestration.RunState(deadAppHost, new() { ["cache"] = new(orphan.Pid, orphan.StartTime) });
        await File.WriteAllTextAsync(Path.Combine(state.Path, "run.json"), System.Text.Json.JsonSerializer.Serialize(stale));
        var builder = TestService.CreateBuilder(state);
        builder.AddRedis("cache");
        await using var app = builder.Build();

        await app.StartAsync();
        await app.WaitForAllHealthyAsync(StartTimeout);

        Assert.False(orphan.Group.IsAlive);
        Assert.Equal(128 + Libc.SIGTERM, await orphan.Exited);
    }

    [Fact]
    public async Task A_run_refuses_to_start_on_a_port_that_is_taken_and_names_it()
    {
        using var state = new TestDirectory("porttaken");
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((System.Net.IPEndPoint)squatter.LocalEndpoint).Port;
        await using var app = DistributedApplication.CreateBuilder(new HostingOptions
        {
            RepositoryRoot = TestHosting.RepositoryRoot,
            StateDirectory = state.Path,
            PortOverrides = new Dictionary<string, int> { ["cache"] = port },
            ConsoleOutput = false,
            Dashboard = false,
        }).AddRedis("cache").ApplicationBuilder.Build();

        var error = await Assert.ThrowsAsync<HostingStartupException>(() => app.StartAsync());

        Assert.Contains($"port {port} for cache", error.Message, StringComparison.Ordinal);
        Assert.Equal(ResourceState.Waiting, app.GetInstance("cache").State);
    }

    [Fact]
    public async Task A_run_refuses_to_start_when_two_endpoints_were_given_the_same_port()
    {
        using var state = new TestDirectory("portclash");
        var builder = DistributedApplication.CreateBuilder(new HostingOptions
        {
            RepositoryRoot = TestHosting.RepositoryRoot,
            StateDirectory = state.Path,
            PortOverrides = new Dictionary<string, int> { ["cache"] = 7390, ["other"] = 7390 },
            ConsoleOutput = false,
            Dashboard = false,
        });
        builder.AddRedis("cache");
        builder.AddRedis("other");
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<HostingStartupException>(() => app.StartAsync());

        Assert.Contains("port 7390 is assigned to cache (tcp) and other (tcp)", error.Message, StringComparison.Ordinal);
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var attempt = 0; !condition(); attempt++)
        {
            Assert.True(attempt < 100, "condition not reached within 5 s");
            await Task.Delay(50);
        }
    }
}
