namespace Lifecycle.Messaging.Tests.Infrastructure;

/// <summary>Bounded polling for a condition that real infrastructure makes true asynchronously.</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = await probe();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up after {timeout.TotalSeconds:0} s waiting for {what}; last value: {last}");
            }
            await Task.Delay(100);
            last = await probe();
        }
        return last;
    }
}
