namespace Lifecycle.Hosting.Processes;

/// <summary>
/// A process group started through setsid: the leader's PID is the group id, so one signal reaches
/// every grandchild (RabbitMQ's beam.smp and epmd, postgres backends, a service's children).
/// </summary>
public sealed record ProcessGroup(int Id)
{
    public bool IsAlive => ProcessTable.GroupMembers(Id).Count > 0;

    public void Signal(int signal) => _ = Libc.Kill(-Id, signal);

    /// <summary>Polls until no member is left, or the timeout passes; true when the group is gone.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }

    /// <summary>SIGTERM to the group, then SIGKILL for whatever is left after the grace period.</summary>
    public async Task TerminateAsync(TimeSpan grace)
    {
        if (!IsAlive)
        {
            return;
        }
        Signal(Libc.SIGTERM);
        if (!await WaitForExitAsync(grace))
        {
            Signal(Libc.SIGKILL);
            await WaitForExitAsync(TimeSpan.FromSeconds(5));
        }
    }
}
