using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Lifecycle.Grpc.InteropTests.Node;

/// <summary>
/// The @grpc/grpc-js echo + probe server of tests/interop/src/echo-server.mjs, running as a child process on a
/// free loopback port. Disposing closes its stdin, which makes it shut down.
/// </summary>
public sealed class NodeEchoServer : IAsyncDisposable
{
    private static readonly TimeSpan StartGuard = TimeSpan.FromMinutes(1);

    private readonly Process process;
    private readonly StringBuilder errors;

    private NodeEchoServer(Process process, StringBuilder errors, Uri address)
    {
        this.process = process;
        this.errors = errors;
        Address = address;
    }

    /// <summary>http://127.0.0.1:PORT</summary>
    public Uri Address { get; }

    public static async Task<NodeEchoServer> StartAsync()
    {
        var process = new Process { StartInfo = NodeScript.CreateStartInfo("echo-server.mjs", ["--exit-with-stdin"]) };
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, line) =>
        {
            lock (errors)
            {
                errors.AppendLine(line.Data);
            }
        };
        process.Start();
        process.BeginErrorReadLine();

        using var guard = new CancellationTokenSource(StartGuard);
        string? firstLine;
        try
        {
            firstLine = await process.StandardOutput.ReadLineAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("echo-server.mjs never printed its port.");
        }

        if (firstLine is null)
        {
            await process.WaitForExitAsync();
            lock (errors)
            {
                throw new InvalidOperationException($"echo-server.mjs exited with {process.ExitCode} before serving:\n{errors}");
            }
        }

        var port = JsonDocument.Parse(firstLine).RootElement.GetProperty("port").GetInt32();
        return new NodeEchoServer(process, errors, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>What the server printed on stderr so far, for failure messages.</summary>
    public string Errors
    {
        get
        {
            lock (errors)
            {
                return errors.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        using var guard = new CancellationTokenSource(StartGuard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}
