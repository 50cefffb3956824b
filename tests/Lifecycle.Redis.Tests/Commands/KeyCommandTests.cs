using Lifecycle.Redis.Tests.Infrastructure;

namespace Lifecycle.Redis.Tests.Commands;

public sealed class KeyCommandTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private readonly IRedisDatabase _db = fixture.Database;

    [Fact]
    public async Task Del_and_exists_report_what_existed()
    {
        byte[] binary = [0, 1, 2, 255];
        await _db.StringSetAsync(binary, "v");
        await _db.StringSetAsync("del-b", "v");

        Assert.True(await _db.KeyExistsAsync(binary));
        Assert.Equal(2, await _db.KeyExistsAsync([binary, "del-b", "del-missing"]));
        Assert.True(await _db.KeyDeleteAsync(binary));
        Assert.False(await _db.KeyDeleteAsync(binary));
        Assert.Equal(1, await _db.KeyDeleteAsync(["del-b", "del-missing"]));
        Assert.False(await _db.KeyExistsAsync("del-b"));
    }

    [Fact]
    public async Task Expire_and_pexpire_set_ttl_and_ttl_is_null_without_expiry()
    {
        await _db.StringSetAsync("exp-s", "v");
        await _db.StringSetAsync("exp-ms", "v");

        Assert.Null(await _db.KeyTimeToLiveAsync("exp-s"));
        Assert.True(await _db.KeyExpireAsync("exp-s", TimeSpan.FromSeconds(30)));
        Assert.True(await _db.KeyExpireAsync("exp-ms", TimeSpan.FromMilliseconds(20_250)));
        Assert.False(await _db.KeyExpireAsync("exp-missing", TimeSpan.FromSeconds(30)));

        Assert.InRange((await _db.KeyTimeToLiveAsync("exp-s"))!.Value.TotalSeconds, 25, 30);
        Assert.InRange((await _db.KeyTimeToLiveAsync("exp-ms"))!.Value.TotalMilliseconds, 15_000, 20_250);
        Assert.Null(await _db.KeyTimeToLiveAsync("exp-missing"));
    }

    [Fact]
    public async Task Pexpire_makes_the_key_disappear()
    {
        await _db.StringSetAsync("vanishing", "v");
        await _db.KeyExpireAsync("vanishing", TimeSpan.FromMilliseconds(30));

        await Eventually.TrueAsync(() => !_db.KeyExistsAsync("vanishing").GetAwaiter().GetResult(), TimeSpan.FromSeconds(5), "key should expire");
    }

    [Fact]
    public async Task Ping_answers()
    {
        var roundTrip = await _db.PingAsync();

        Assert.True(roundTrip > TimeSpan.Zero);
    }

    [Fact]
    public async Task Execute_runs_any_command()
    {
        await _db.StringSetAsync("raw", "12345");

        var length = await _db.ExecuteAsync("strlen", "raw");

        Assert.Equal(5, (long)length);
    }
}
