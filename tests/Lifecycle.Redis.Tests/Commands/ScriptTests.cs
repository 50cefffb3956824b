using Lifecycle.Redis.Tests.Infrastructure;

namespace Lifecycle.Redis.Tests.Commands;

public sealed class ScriptTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private readonly IRedisDatabase _db = fixture.Database;

    [Fact]
    public async Task Script_runs_with_keys_and_binary_args_and_returns_its_result()
    {
        const string script = "redis.call('SET', KEYS[1], ARGV[1]); return redis.call('STRLEN', KEYS[1])";
        byte[] payload = [0, 13, 10, 255];

        var result = await _db.ScriptEvaluateAsync(script, [new byte[] { 1, 2 }], [payload]);

        Assert.Equal(4, (long)result);
        Assert.Equal(payload, (byte[]?)await _db.StringGetAsync(new byte[] { 1, 2 }));
    }

    [Fact]
    public async Task Script_still_runs_after_the_server_flushed_its_script_cache()
    {
        const string script = "return 'still here ' .. ARGV[1]";
        Assert.Equal("still here 1", (string?)await _db.ScriptEvaluateAsync(script, values: ["1"]));

        await _db.ExecuteAsync("SCRIPT", "FLUSH");

        // EVALSHA now answers NOSCRIPT; the client falls back to EVAL transparently.
        Assert.Equal("still here 2", (string?)await _db.ScriptEvaluateAsync(script, values: ["2"]));
    }

    [Fact]
    public async Task Script_error_surfaces_as_server_exception()
    {
        await Assert.ThrowsAsync<RedisServerException>(() => _db.ScriptEvaluateAsync("return redis.call('NOSUCHCOMMAND')"));
    }

    [Fact]
    public async Task Script_returning_an_array_exposes_its_items()
    {
        var result = await _db.ScriptEvaluateAsync("return {1, 'two', {3}}");

        Assert.Equal(RedisResultType.Array, result.Type);
        Assert.Equal(1, (long)result.Items[0]);
        Assert.Equal("two", (string?)result.Items[1]);
        Assert.Equal(3, (long)result.Items[2].Items[0]);
    }
}
