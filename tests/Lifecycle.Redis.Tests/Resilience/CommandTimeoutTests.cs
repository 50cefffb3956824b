using System.Diagnostics;
using Lifecycle.Redis.Tests.Infrastructure;

namespace Lifecycle.Redis.Tests.Resilience;

public sealed class CommandTimeoutTests
{
    // Busy-waits on the server for 2 s, holding its single thread, so replies queue up behind it. Far longer than the
    // 150 ms timeout, so the timeout fires first even when a busy CI machine delays our timer.
    private const string SlowScript = """
        local start = redis.call('TIME')
        repeat
          local now = redis.call('TIME')
        until (now[1] - start[1]) * 1000000 + (now[2] - start[2]) > 2000000
        return 'slow'
        """;

    [Fact]
    public async Task Timed_out_call_fails_with_timeout_and_later_replies_still_reach_the_right_callers()
    {
        await using var server = await RedisServer.StartAsync();
        await using var connection = await RedisConnection.ConnectAsync(server.ConnectionString + ",asyncTimeout=150");
        var db = connection.GetDatabase();
        await db.StringSetAsync("after", "the right value");
        var clock = Stopwatch.StartNew();

        var timeout = await Assert.ThrowsAsync<RedisTimeoutException>(() => db.ScriptEvaluateAsync(SlowScript));
        // Not before the timeout. No upper bound: that would assert the machine's speed; the exception (instead of
        // the script's reply) already shows the timeout fired before the reply came.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(140), $"timed out after {clock.Elapsed}, before the 150 ms timeout");

        // The slow reply ('slow') arrives after this GET was sent; it must be discarded, not handed to the GET.
        var value = await Eventually.SucceedsAsync(() => db.StringGetAsync("after"), TimeSpan.FromSeconds(10));
        Assert.Equal("the right value", (string?)value);
        Assert.True(connection.IsConnected);
        Assert.Contains("did not reply within 150 ms", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_that_stops_answering_after_the_handshake_times_out_calls_and_drops_the_link()
    {
        await using var silent = new SilentServer(answerHandshakePing: true);
        await using var connection = await RedisConnection.ConnectAsync($"127.0.0.1:{silent.Port},asyncTimeout=200");
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<RedisTimeoutException>(() => connection.GetDatabase().StringGetAsync("k"));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
        // The first link is abandoned as dead and a fresh one is opened in the background.
        await Eventually.TrueAsync(() => silent.AcceptedCount >= 2, TimeSpan.FromSeconds(5), "a silent link is declared dead and replaced");
    }
}
