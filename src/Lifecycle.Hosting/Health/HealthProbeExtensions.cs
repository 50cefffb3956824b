namespace Lifecycle.Hosting.Health;

/// <summary>Bounded polling of a probe, for callers that just need "ready or fail".</summary>
public static class HealthProbeExtensions
{
    public static async Task WaitUntilHealthyAsync(this IHealthProbe probe, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (!await probe.IsHealthyAsync(deadline.Token))
            {
                await Task.Delay(100, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{probe.GetType().Name} did not report healthy within {timeout.TotalSeconds:0} s");
        }
    }
}
