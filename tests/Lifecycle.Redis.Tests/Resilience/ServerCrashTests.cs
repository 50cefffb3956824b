using System.Collections.Concurrent;
using System.Diagnostics;
using Lifecycle.Redis.Tests.Infrastructure;

namespace Lifecycle.Redis.Tests.Resilience;

public sealed class ServerCrashTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Kill_9_mid_pipeline_fails_in_flight_calls_then_calls_and_subscriptions_recover()
    {
        await using var server = await RedisServer.StartAsync();
        var options = RedisConnectionOptions.Parse(server.ConnectionString) with
        {
            CommandTimeout = CommandTimeout,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        };
        await using var connection = await RedisConnection.ConnectAsync(options);
        var db = connection.GetDatabase();
        var received = new ConcurrentQueue<string>();
        await connection.GetSubscriber().SubscribeAsync("crash-events", (_, message) => received.Enqueue(message.ToString()!));

        var (errors, slowest) = await RunLoadAndKillAsync(db, server);

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.True(e is RedisConnectionException or RedisTimeoutException, $"unexpected {e.GetType()}: {e.Message}"));
        Assert.True(slowest < CommandTimeout + TimeSpan.FromSeconds(1), $"slowest call took {slowest}");

        // While the server is down, calls fail fast with a clear message instead of waiting for a timeout.
        var downClock = Stopwatch.StartNew();
        var down = await Assert.ThrowsAsync<RedisConnectionException>(() => db.StringGetAsync("k"));
        Assert.True(downClock.Elapsed < CommandTimeout, $"a call while down took {downClock.Elapsed}");
        Assert.Contains(options.EndPoint, down.Message, StringComparison.Ordinal);

        await server.RestartAsync();

        Assert.True(await Eventually.SucceedsAsync(() => db.StringSetAsync("after-restart", "ok"), TimeSpan.FromSeconds(10)));
        Assert.Equal("ok", (string?)await db.StringGetAsync("after-restart"));
        // The subscriber reconnects and resubscribes by itself; publish until someone is listening again.
        await Eventually.TrueAsync(() => db.PublishAsync("crash-events", "back").GetAwaiter().GetResult() >= 1, TimeSpan.FromSeconds(10), "subscription restored");
        await Eventually.TrueAsync(() => received.Contains("back"), TimeSpan.FromSeconds(5), "message after restart delivered");
    }

    private static async Task<(List<Exception> Errors, TimeSpan Slowest)> RunLoadAndKillAsync(IRedisDatabase db, RedisServer server)
    {
        var errors = new ConcurrentBag<Exception>();
        var slowestTicks = 0L;
        var completed = 0;
        var callers = Enumerable.Range(0, 64).Select(t => Task.Run(async () =>
        {
            for (var i = 0; ; i++)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    await db.StringSetAsync($"load:{t}", i);
                    Interlocked.Increment(ref completed);
                }
                catch (RedisException ex)
                {
                    errors.Add(ex);
                    return;
                }
                finally
                {
                    InterlockedMax(ref slowestTicks, clock.Elapsed.Ticks);
                }
            }
        })).ToArray();

        await Eventually.TrueAsync(() => Volatile.Read(ref completed) > 5_000, TimeSpan.FromSeconds(30), "load is flowing");
        server.Kill();

        // Every caller must come back (with an error) on its own; a hang would trip this bound.
        await Task.WhenAll(callers).WaitAsync(CommandTimeout + TimeSpan.FromSeconds(5));
        return ([.. errors], TimeSpan.FromTicks(Interlocked.Read(ref slowestTicks)));
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) != current)
        {
            current = Interlocked.Read(ref target);
        }
    }
}
