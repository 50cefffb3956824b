using System.Runtime.ExceptionServices;

namespace Lifecycle.Messaging.Persistence;

/// <summary>
/// One SQLite database's write turn, handed from writer to writer: messaging writers (the relay's mark, inbox batches)
/// before the service's own, first come first served within each kind. A messaging turn carries a whole batch of
/// events where a service turn usually carries one commit, so letting the pipeline through first keeps its batches
/// large and its latency low while requests saturate the writer. Bounded: once a waiting service writer has been passed
/// over <see cref="MaxServiceBypasses"/> times, the oldest service writer goes next. The turn passes directly to the
/// next waiter on release, so a newcomer never overtakes a queue.
/// </summary>
internal sealed class SqliteWriterQueue
{
    /// <summary>Messaging turns given in a row while a service writer waits, before that service writer goes.</summary>
    public const int MaxServiceBypasses = 4;

    private readonly Lock sync = new();
    private readonly LinkedList<TaskCompletionSource> messaging = [];
    private readonly LinkedList<TaskCompletionSource> service = [];
    private bool taken;
    private int bypasses;

    /// <summary>Waits for the turn; false when <paramref name="timeout"/> passed first.</summary>
    public async ValueTask<bool> EnterAsync(SqliteWritePriority priority, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (TryTakeOrQueue(priority) is not { } waiter)
        {
            return true;
        }
        try
        {
            await waiter.Value.Task.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            return GiveUp(waiter, e);
        }
    }

    /// <summary>The blocking twin of <see cref="EnterAsync"/>, for EF's synchronous API.</summary>
    public bool Enter(SqliteWritePriority priority, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (TryTakeOrQueue(priority) is not { } waiter)
        {
            return true;
        }
        try
        {
            return waiter.Value.Task.Wait(timeout, cancellationToken) || GiveUp(waiter, new TimeoutException());
        }
        catch (OperationCanceledException e)
        {
            return GiveUp(waiter, e);
        }
    }

    /// <summary>Hands the turn to the next waiter, or frees it.</summary>
    public void Release()
    {
        TaskCompletionSource? next;
        lock (sync)
        {
            var node = NextWaiter();
            if (node is null)
            {
                taken = false;
                return;
            }
            node.List!.Remove(node);
            next = node.Value;
        }
        // The turn is held from here until the new holder runs, so the new holder runs at once, on this thread, up to its
        // next real wait (a SQLite statement completes synchronously, so usually through its write and its release):
        // queued instead, it waited for the rest of this thread's work item, and under load every turn sat idle for a
        // quarter of a millisecond that way (measured: half of a service write's turn). The runtime stops inlining when
        // the stack runs low, so a long queue cannot overflow it; a synchronous waiter blocked in Task.Wait is woken.
        next.SetResult();
    }

    private LinkedListNode<TaskCompletionSource>? TryTakeOrQueue(SqliteWritePriority priority)
    {
        lock (sync)
        {
            if (!taken)
            {
                taken = true;
                return null;
            }
            var waiter = new TaskCompletionSource();
            return (priority == SqliteWritePriority.Messaging ? messaging : service).AddLast(waiter);
        }
    }

    private LinkedListNode<TaskCompletionSource>? NextWaiter()
    {
        if (messaging.First is { } first && (service.Count == 0 || bypasses < MaxServiceBypasses))
        {
            bypasses = service.Count == 0 ? 0 : bypasses + 1;
            return first;
        }
        bypasses = 0;
        return service.First;
    }

    /// <summary>
    /// A waiter stops waiting: still queued, it leaves the queue (false, or the cancellation rethrown); handed the turn
    /// meanwhile, it keeps it on a timeout (true) and passes it on when cancelled.
    /// </summary>
    private bool GiveUp(LinkedListNode<TaskCompletionSource> waiter, Exception reason)
    {
        lock (sync)
        {
            if (waiter.List is { } queue)
            {
                queue.Remove(waiter);
                if (reason is TimeoutException)
                {
                    return false;
                }
                ExceptionDispatchInfo.Throw(reason);
            }
        }
        if (reason is TimeoutException)
        {
            return true;
        }
        Release();
        ExceptionDispatchInfo.Throw(reason);
        return false;
    }
}
