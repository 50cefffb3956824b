using System.Diagnostics;

namespace Lifecycle.Redis.Tests.Infrastructure;

/// <summary>Bounded polling for conditions that become true asynchronously (reconnects, deliveries).</summary>
internal static class Eventually
{
    public static async Task<T> SucceedsAsync<T>(Func<Task<T>> attempt, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (RedisException) when (clock.Elapsed < within)
            {
                await Task.Delay(25);
            }
        }
    }

    public static async Task TrueAsync(Func<bool> condition, TimeSpan within, string because)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < within, $"Timed out after {within}: {because}");
            await Task.Delay(10);
        }
    }
}
