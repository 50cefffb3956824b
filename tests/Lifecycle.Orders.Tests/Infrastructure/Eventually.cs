namespace Lifecycle.Orders.Tests.Infrastructure;

/// <summary>Bounded polling for a condition that real infrastructure makes true asynchronously.</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        var last = await probe();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up after {timeoutSeconds} s waiting for {what}; last value: {last}");
            }
            await Task.Delay(50);
            last = await probe();
        }
        return last;
    }
}
