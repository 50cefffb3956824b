using Grpc.Core;
using Lifecycle.Grpc.Client.Calls;

namespace Lifecycle.Grpc.Tests.Client;

/// <summary>A call learns of its cancellation through one callback, not a registration on its own token.</summary>
public class CallCancellationTests
{
    [Fact]
    public void Observer_runs_once_after_the_token_fired_with_the_first_reason()
    {
        var cancellation = new CallCancellation(default, default, deadline: null);
        var seen = new List<(bool TokenFired, Status? Reason)>();
        cancellation.OnCancelled(state => seen.Add((cancellation.Token.IsCancellationRequested, cancellation.Reason)), seen);

        cancellation.Cancel(CallCancellation.CallerStatus);
        cancellation.Cancel(CallCancellation.DisposedStatus);

        Assert.Equal([(true, CallCancellation.CallerStatus)], seen);
    }

    [Fact]
    public void Observer_added_after_cancellation_runs_at_once()
    {
        var cancellation = new CallCancellation(default, default, deadline: DateTime.UtcNow.AddSeconds(-1));
        Status? reason = null;

        cancellation.OnCancelled(_ => reason = cancellation.Reason, cancellation);

        Assert.Equal(StatusCode.DeadlineExceeded, reason?.StatusCode);
    }

    [Fact]
    public void Caller_token_cancels_the_call_and_reaches_the_observer()
    {
        using var caller = new CancellationTokenSource();
        var cancellation = new CallCancellation(caller.Token, default, deadline: null);
        var observed = 0;
        cancellation.OnCancelled(_ => observed++, cancellation);

        caller.Cancel();

        Assert.Equal(1, observed);
        Assert.True(cancellation.Token.IsCancellationRequested);
        Assert.Equal(CallCancellation.CallerStatus, cancellation.Reason);
    }
}
