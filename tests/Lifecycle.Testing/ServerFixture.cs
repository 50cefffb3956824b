using System.Collections.Concurrent;
using Lifecycle.Hosting.Health;
using Lifecycle.Hosting.Processes;
using Xunit;

namespace Lifecycle.Testing;

/// <summary>
/// Base of the infrastructure fixtures: one server process (own process group, free port, temp dir)
/// started through the Lifecycle.Hosting launchers and stopped by PID, group included, on dispose.
/// </summary>
public abstract class ServerFixture(string kind) : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> output = new();
    private ManagedProcess? process;
    private string? ledgerEntry;

    protected TestDirectory Directory { get; } = new(kind);

    public ProcessGroup Group => process?.Group ?? throw new InvalidOperationException($"{kind} is not started");

    public int Pid => process?.Pid ?? throw new InvalidOperationException($"{kind} is not started");

    /// <summary>The server's own output, for failure messages.</summary>
    public string Output => string.Join('\n', output);

    public abstract int Port { get; }

    public abstract string ConnectionString { get; }

    protected virtual TimeSpan StartTimeout => TimeSpan.FromSeconds(30);

    public async Task InitializeAsync()
    {
        await FixtureLedger.ReapOrphansAsync();
        var launch = await PrepareAsync();
        process = ManagedProcess.Start(launch, (line, _) => output.Enqueue(line));
        ledgerEntry = FixtureLedger.Record(kind, process);
        try
        {
            await Probe().WaitUntilHealthyAsync(StartTimeout);
        }
        catch (TimeoutException e)
        {
            await DisposeAsync();
            throw new TimeoutException($"{e.Message}\n{Output}", e);
        }
    }

    public async Task DisposeAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
            process = null;
        }
        if (ledgerEntry is not null)
        {
            File.Delete(ledgerEntry);
        }
        Directory.Dispose();
    }

    protected abstract Task<ProcessLaunch> PrepareAsync();

    protected abstract IHealthProbe Probe();
}
