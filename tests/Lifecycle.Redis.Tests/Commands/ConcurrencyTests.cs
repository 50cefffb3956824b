using Lifecycle.Redis.Tests.Infrastructure;

namespace Lifecycle.Redis.Tests.Commands;

public sealed class ConcurrencyTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private readonly IRedisDatabase _db = fixture.Database;

    [Fact]
    public async Task Ten_thousand_mixed_calls_from_64_tasks_each_get_their_own_reply()
    {
        const int tasks = 64;
        const int callsPerTask = 10_000 / tasks + 1;
        var mismatches = 0;

        await Task.WhenAll(Enumerable.Range(0, tasks).Select(t => Task.Run(async () =>
        {
            var counter = $"conc:{t}:counter";
            for (var i = 0; i < callsPerTask; i++)
            {
                var key = $"conc:{t}:{i}";
                var expected = $"{t}/{i}/" + new string('x', i % 50);
                // Each step's answer is unique to this caller and step, so a reply handed to the wrong caller shows up.
                var ok = (i % 4) switch
                {
                    0 => await _db.StringSetAsync(key, expected) && (string?)await _db.StringGetAsync(key) == expected,
                    1 => await _db.StringIncrementAsync(counter) == (i / 4) + 1,
                    2 => await _db.HashSetAsync($"conc:{t}:hash", i, expected)
                        && (string?)await _db.HashGetAsync($"conc:{t}:hash", i) == expected,
                    _ => (await _db.StringGetAsync([key, $"conc:{t}:{i - 3}"])) is [var missing, var earlier]
                        && missing.IsNull && (string?)earlier == $"{t}/{i - 3}/" + new string('x', (i - 3) % 50),
                };
                if (!ok)
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        })));

        Assert.Equal(0, mismatches);
    }

    [Fact]
    public async Task Calls_queued_while_16_MiB_values_are_being_written_each_get_their_own_reply()
    {
        // Large writes keep the writer busy while small commands pile up in the other buffer, and grow the
        // buffers past the size that is kept afterwards: every swap, restart and replacement must keep the order.
        var big = new byte[16 * 1024 * 1024];
        Random.Shared.NextBytes(big);
        var bigWrites = Enumerable.Range(0, 3).Select(n => _db.StringSetAsync($"conc:big:{n}", big)).ToArray();
        var small = Enumerable.Range(0, 2_000).Select(async i =>
        {
            await Task.Yield();
            return await _db.StringIncrementAsync($"conc:small:{i}", i) == i;
        }).ToArray();

        Assert.All(await Task.WhenAll(bigWrites), Assert.True);
        Assert.All(await Task.WhenAll(small), Assert.True);
        for (var n = 0; n < 3; n++)
        {
            Assert.Equal(big, (byte[]?)await _db.StringGetAsync($"conc:big:{n}"));
        }

        Assert.Equal(1_999, await _db.StringIncrementAsync("conc:small:1999", 0));
    }
}
