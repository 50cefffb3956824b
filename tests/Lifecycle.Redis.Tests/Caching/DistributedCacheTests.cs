using Lifecycle.Redis.Caching;
using Lifecycle.Redis.Tests.Infrastructure;
using Microsoft.Extensions.Caching.Distributed;

namespace Lifecycle.Redis.Tests.Caching;

public sealed class DistributedCacheTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private readonly IRedisDatabase _db = fixture.Database;

    private RedisDistributedCache Cache(string instance) => new(_db, new RedisCacheOptions { InstanceName = instance });

    [Fact]
    public async Task Get_returns_what_set_stored_and_remove_deletes_it()
    {
        var cache = Cache("plain:");
        byte[] value = [0, 1, 255];

        await cache.SetAsync("k", value, new DistributedCacheEntryOptions());

        Assert.Equal(value, await cache.GetAsync("k"));
        Assert.Null(await _db.KeyTimeToLiveAsync("plain:k"));
        await cache.RemoveAsync("k");
        Assert.Null(await cache.GetAsync("k"));
    }

    [Fact]
    public void Sync_api_works_and_empty_values_are_kept()
    {
        var cache = Cache("sync:");

        cache.Set("empty", [], new DistributedCacheEntryOptions());

        var empty = cache.Get("empty");

        Assert.NotNull(empty);
        Assert.Empty(empty);
        Assert.Null(cache.Get("missing"));
    }

    [Fact]
    public async Task Absolute_expiration_sets_the_redis_ttl()
    {
        var cache = Cache("abs:");

        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(90) });

        Assert.InRange((await _db.KeyTimeToLiveAsync("abs:k"))!.Value.TotalSeconds, 85, 90);
    }

    [Fact]
    public async Task Absolute_expiration_in_the_past_is_rejected()
    {
        var cache = Cache("past:");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            cache.SetAsync("k", [1], new DistributedCacheEntryOptions { AbsoluteExpiration = DateTimeOffset.UtcNow.AddMinutes(-1) }));
    }

    [Fact]
    public async Task Reading_a_sliding_entry_renews_its_ttl()
    {
        var cache = Cache("slide:");
        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromSeconds(60) });
        await _db.KeyExpireAsync("slide:k", TimeSpan.FromSeconds(5)); // as if 55 s had passed without a read

        Assert.Equal([1], await cache.GetAsync("k"));

        Assert.InRange((await _db.KeyTimeToLiveAsync("slide:k"))!.Value.TotalSeconds, 55, 60);
    }

    [Fact]
    public async Task Refresh_renews_sliding_but_never_beyond_the_absolute_deadline()
    {
        var cache = Cache("both:");
        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions
        {
            SlidingExpiration = TimeSpan.FromSeconds(60),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(20),
        });
        Assert.InRange((await _db.KeyTimeToLiveAsync("both:k"))!.Value.TotalSeconds, 15, 20);
        await _db.KeyExpireAsync("both:k", TimeSpan.FromSeconds(3));

        await cache.RefreshAsync("k");

        Assert.InRange((await _db.KeyTimeToLiveAsync("both:k"))!.Value.TotalSeconds, 15, 20);
    }

    [Fact]
    public async Task Overwriting_with_no_expiration_drops_the_old_expiry()
    {
        var cache = Cache("persist:");
        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30) });

        await cache.SetAsync("k", [2], new DistributedCacheEntryOptions());

        Assert.Null(await _db.KeyTimeToLiveAsync("persist:k"));
        Assert.Equal([2], await cache.GetAsync("k"));
    }
}
