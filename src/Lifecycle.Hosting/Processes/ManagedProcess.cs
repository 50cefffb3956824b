using System.Diagnostics;

namespace Lifecycle.Hosting.Processes;

/// <summary>
/// A child process in its own session and process group (started through setsid), with its output
/// delivered line by line, and a stop that leaves none of its descendants behind.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ProcessLaunch launch;

    private ManagedProcess(Process process, ProcessLaunch launch, Task outputClosed)
    {
        OutputClosed = outputClosed;
        this.process = process;
        this.launch = launch;
        Group = new ProcessGroup(process.Id);
        StartTime = ProcessTable.TryRead(process.Id)?.StartTime ?? 0;
        Exited = WaitForExitCodeAsync();
    }

    public int Pid => process.Id;

    public ProcessGroup Group { get; }

    /// <summary>Kernel start time of the leader, so a recorded PID is not confused with a reused one.</summary>
    public long StartTime { get; }

    /// <summary>Completes with the exit code (128 + signal when killed by a signal).</summary>
    public Task<int> Exited { get; }

    /// <summary>Completes when stdout and stderr have both reached end of file.</summary>
    public Task OutputClosed { get; }

    public static ManagedProcess Start(ProcessLaunch launch, Action<string, bool> onLine)
    {
        var info = new ProcessStartInfo(BinaryLocator.Setsid)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = launch.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in PrivilegeDrop(launch))
        {
            info.ArgumentList.Add(arg);
        }
        info.ArgumentList.Add(launch.FileName);
        foreach (var arg in launch.Arguments)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in launch.Environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var openStreams = 2;
        var outputClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => Deliver(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => Deliver(e.Data, isError: true);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ManagedProcess(process, launch, outputClosed.Task);

        void Deliver(string? line, bool isError)
        {
            if (line is not null)
            {
                onLine(line, isError);
            }
            else if (Interlocked.Decrement(ref openStreams) == 0)
            {
                outputClosed.TrySetResult();
            }
        }
    }

    /// <summary>Clean stop signal to the leader, then the group; SIGKILL for anything past the timeout.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            _ = Libc.Kill(process.Id, launch.StopSignal);
            await Task.WhenAny(Exited, Task.Delay(launch.StopTimeout));
        }
        // Children that outlive the leader (epmd, a service's own children) go with the group.
        await Group.TerminateAsync(TimeSpan.FromSeconds(3));
        await Exited;
    }

    /// <summary>Unclean death on purpose: what a crash or the OOM killer looks like.</summary>
    public void Kill() => Group.Signal(Libc.SIGKILL);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
    }

    // Not Process.WaitForExitAsync: it also waits for stdout EOF, which a grandchild holding the pipe
    // (epmd) delays until the whole group is gone.
    private Task<int> WaitForExitCodeAsync()
    {
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult(process.ExitCode);
        if (process.HasExited)
        {
            exited.TrySetResult(process.ExitCode);
        }
        return exited.Task;
    }

    private static IEnumerable<string> PrivilegeDrop(ProcessLaunch launch)
    {
        if (launch.RunAsUser is null || Libc.GetEffectiveUserId() != 0)
        {
            return [];
        }
        return [BinaryLocator.Setpriv, $"--reuid={launch.RunAsUser}", $"--regid={launch.RunAsUser}", "--init-groups"];
    }
}
