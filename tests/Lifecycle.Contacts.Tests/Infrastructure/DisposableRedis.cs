using System.Diagnostics;
using Lifecycle.Testing;

namespace Lifecycle.Contacts.Tests.Infrastructure;

/// <summary>A redis-server this test owns, so it can be killed with SIGKILL and restarted on the same port.</summary>
public sealed class DisposableRedis : IAsyncDisposable
{
    private Process? process;

    public int Port { get; } = FreePort.Next();

    public string ConnectionString => $"127.0.0.1:{Port},connectTimeout=1000,asyncTimeout=1000";

    public async Task StartAsync()
    {
        process = Process.Start(new ProcessStartInfo("redis-server", ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
        })!;
        await Eventually.UntilAsync(() => Task.FromResult(!FreePort.IsFree(Port)), up => up, "redis-server to listen");
    }

    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
    }
}
