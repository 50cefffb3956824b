using System.Collections.Concurrent;
using Lifecycle.Hosting.Launchers;
using Lifecycle.Hosting.Orchestration;
using Lifecycle.Hosting.Processes;
using Xunit;

namespace Lifecycle.Testing;

/// <summary>
/// The whole system for a test: runs the real AppHost (same resource graph as `dotnet run`) as a child
/// process on free ports with a temp state directory, waits until endpoints.json reports every resource
/// healthy, hands out endpoint URLs, and tears everything down even when the test fails.
/// </summary>
public sealed class SystemHarness(params string[] extraArguments) : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> output = new();
    private ManagedProcess? appHost;
    private string? ledgerEntry;

    public TestDirectory State { get; } = new("system");

    /// <summary>Extra environment for the AppHost (e.g. a PATH without redis-server).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    public string EndpointsFilePath => Path.Combine(State.Path, EndpointsFile.FileName);

    public int AppHostPid => appHost?.Pid ?? throw new InvalidOperationException("The AppHost is not running");

    /// <summary>Everything the AppHost printed (prefixed resource logs and its own messages).</summary>
    public string Output => string.Join('\n', output);

    /// <summary>The last endpoints.json read: resource → state and endpoints.</summary>
    public IReadOnlyDictionary<string, EndpointsFile.Entry> Resources { get; private set; } = new Dictionary<string, EndpointsFile.Entry>();

    /// <summary>gRPC endpoint of every service (resource → http://127.0.0.1:port), for typed clients.</summary>
    public IReadOnlyDictionary<string, string> GrpcEndpoints =>
        Resources.Where(r => r.Value.Endpoints.ContainsKey("grpc")).ToDictionary(r => r.Key, r => r.Value.Endpoints["grpc"]);

    public string Url(string resource, string endpoint) => Resources[resource].Endpoints[endpoint];

    public static string AppHostAssembly =>
        Path.Combine(TestHosting.RepositoryRoot, "Lifecycle.AppHost", "bin", TestHosting.BuildConfiguration(typeof(SystemHarness).Assembly),
            ProjectAssembly.TargetFramework, "Lifecycle.AppHost.dll");

    /// <summary>Starts the AppHost without waiting for health (tests of failing starts use this).</summary>
    public ManagedProcess Launch()
    {
        // A killed AppHost leaves its last endpoints.json behind; never mistake it for this run's.
        File.Delete(EndpointsFilePath);
        var launch = new ProcessLaunch(BinaryLocator.Dotnet(), ["exec", AppHostAssembly, "--free-ports", "--state-dir", State.Path, .. extraArguments])
        {
            Environment = Environment,
            StopSignal = Libc.SIGINT,
            StopTimeout = TimeSpan.FromSeconds(60),
        };
        appHost = ManagedProcess.Start(launch, (line, _) => output.Enqueue(line));
        // If this test process dies, the next fixture start sends the AppHost SIGTERM: its own clean stop.
        ForgetLedgerEntry();
        ledgerEntry = FixtureLedger.Record("apphost", appHost);
        return appHost;
    }

    public async Task InitializeAsync()
    {
        await FixtureLedger.ReapOrphansAsync();
        Launch();
        await WaitUntilHealthyAsync();
    }

    /// <summary>Polls endpoints.json until every resource is Healthy; fails fast if the AppHost exits.</summary>
    public async Task WaitUntilHealthyAsync()
    {
        var process = appHost ?? throw new InvalidOperationException("Launch the AppHost first");
        using var deadline = new CancellationTokenSource(StartTimeout);
        while (!AllHealthy())
        {
            if (process.Exited.IsCompleted)
            {
                throw new InvalidOperationException($"The AppHost exited with {await process.Exited} before becoming healthy:\n{Output}");
            }
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Not healthy within {StartTimeout.TotalSeconds:0} s: {Describe()}\n{Output}");
            }
            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>Ctrl+C for the AppHost; returns its exit code once it (and so everything it started) is gone.</summary>
    public async Task<int> StopAsync()
    {
        if (appHost is null)
        {
            return -1;
        }
        await appHost.StopAsync();
        return await appHost.Exited;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        // Backstop for an AppHost that crashed: stop whatever its run.json still lists.
        await StaleRunCleaner.CleanAsync(Path.Combine(State.Path, "run.json"));
        ForgetLedgerEntry();
        State.Dispose();
    }

    private void ForgetLedgerEntry()
    {
        if (ledgerEntry is not null)
        {
            File.Delete(ledgerEntry);
            ledgerEntry = null;
        }
    }

    private bool AllHealthy()
    {
        if (EndpointsFile.TryRead(EndpointsFilePath) is not { Count: > 0 } current)
        {
            return false;
        }
        Resources = current;
        return current.Values.All(r => r.State == Hosting.ResourceState.Healthy);
    }

    private string Describe() => string.Join(", ", Resources.Select(r => $"{r.Key}={r.Value.State}"));
}
