namespace Lifecycle.Hosting;

/// <summary>
/// One transition in an instance's history. <paramref name="FailureReason"/> is set when the AppHost gave up on the
/// instance (it could not be prepared or started, or something it waits for gave up): it stays Failed and is not
/// retried, and whatever waits for it gives up too instead of waiting forever.
/// </summary>
public sealed record StateChange(ResourceState State, DateTimeOffset At, int? ExitCode = null, string? FailureReason = null)
{
    public bool IsFinalFailure => FailureReason is not null;
}
