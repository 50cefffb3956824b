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
}
