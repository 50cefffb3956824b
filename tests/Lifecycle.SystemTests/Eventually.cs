namespace Lifecycle.SystemTests;

/// <summary>Polls until a condition holds; events cross processes, so outcomes arrive, they are not returned.</summary>
internal static class Eventually
{
    public static async Task<T> MatchesAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, int timeoutSeconds = 30)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        var last = await probe();
        while (!done(last))
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Gave up after {timeoutSeconds} s waiting for {what}; last value: {last}");
            }

            await Task.Delay(50, CancellationToken.None);
            last = await probe();
        }

        return last;
    }
}
