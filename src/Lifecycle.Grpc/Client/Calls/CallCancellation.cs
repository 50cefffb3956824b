using Grpc.Core;

namespace Lifecycle.Grpc.Client.Calls;

/// <summary>
/// The one token every step of a call observes, and why it fired: the caller's token, the deadline, or disposal.
/// Remembering the first reason is what turns a bare OperationCanceledException into CANCELLED or DEADLINE_EXCEEDED.
/// </summary>
internal sealed class CallCancellation : IDisposable
{
    // Timers accept at most ~49 days; a later deadline behaves like none locally (the server still gets grpc-timeout).
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly CancellationTokenSource source = new();
    private readonly CancellationTokenRegistration callerRegistration;
    private readonly CancellationTokenRegistration parentRegistration;
    private readonly Timer? deadlineTimer;
    private Status? reason;
    private Action<object>? observer;
    private object? observerState;

    public CallCancellation(CancellationToken callerToken, CancellationToken parentToken, DateTime? deadline)
    {
        Deadline = deadline;
        Token = source.Token;
        if (deadline is { } due)
        {
            var delay = due - DateTime.UtcNow;
            if (delay <= TimeSpan.Zero)
            {
                Cancel(DeadlineStatus);
            }
            else if (delay < MaxTimerDelay)
            {
                deadlineTimer = new Timer(static state => ((CallCancellation)state!).Cancel(DeadlineStatus), this, delay, Timeout.InfiniteTimeSpan);
            }
        }

        if (callerToken.CanBeCanceled)
        {
            callerRegistration = callerToken.UnsafeRegister(static state => ((CallCancellation)state!).Cancel(CallerStatus), this);
        }

        if (parentToken.CanBeCanceled)
        {
            parentRegistration = parentToken.UnsafeRegister(static state => ((CallCancellation)state!).Cancel(ParentStatus), this);
        }
    }

    public static Status DeadlineStatus { get; } = new(StatusCode.DeadlineExceeded, "Deadline Exceeded");

    public static Status CallerStatus { get; } = new(StatusCode.Cancelled, "Call canceled by the client.");

    public static Status ParentStatus { get; } = new(StatusCode.Cancelled, "The server call this call was propagated from was canceled.");

    public static Status DisposedStatus { get; } = new(StatusCode.Cancelled, "Call disposed by the client.");

    /// <summary>The call's deadline in UTC, or null when it has none.</summary>
    public DateTime? Deadline { get; }

    /// <summary>Cached: the source is never disposed (it has no timer or links), so the token stays valid after the call.</summary>
    public CancellationToken Token { get; }

    /// <summary>Why the call was cancelled, or null while it was not.</summary>
    public Status? Reason
    {
        get
        {
            lock (source)
            {
                return reason;
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="callback"/> once the call is cancelled, after the token fired (at once if it already
    /// has). Unlike a registration on <see cref="Token"/> this allocates nothing, and the token is only ever
    /// cancelled through <see cref="Cancel"/>, so nothing is missed.
    /// </summary>
    public void OnCancelled(Action<object> callback, object state)
    {
        lock (source)
        {
            if (reason is null)
            {
                observer = callback;
                observerState = state;
                return;
            }
        }

        callback(state);
    }

    /// <summary>Cancels the call for <paramref name="status"/> unless it was already cancelled for another reason.</summary>
    public void Cancel(Status status)
    {
        Action<object>? callback;
        object? state;
        lock (source)
        {
            if (reason is not null)
            {
                return;
            }

            reason = status;
            callback = observer;
            state = observerState;
        }

        source.Cancel();
        callback?.Invoke(state!);
    }

    public void Dispose()
    {
        deadlineTimer?.Dispose();
        callerRegistration.Dispose();
        parentRegistration.Dispose();
    }
}
