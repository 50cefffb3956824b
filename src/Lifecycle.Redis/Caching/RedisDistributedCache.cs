using Microsoft.Extensions.Caching.Distributed;

namespace Lifecycle.Redis.Caching;

/// <summary>
/// <see cref="IDistributedCache"/> over Redis, storing each entry as a hash with <c>absexp</c>, <c>sldexp</c>
/// and <c>data</c> fields like Microsoft.Extensions.Caching.StackExchangeRedis, so sliding expiration can be renewed on read.
/// </summary>
public sealed class RedisDistributedCache(IRedisDatabase database, RedisCacheOptions options) : IDistributedCache
{
    private static readonly RedisValue[] ReadFields = ["absexp", "sldexp", "data"];
    private static readonly RedisValue[] ExpirationFields = ["absexp", "sldexp"];
    private readonly string _prefix = options.InstanceName ?? "";

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        token.ThrowIfCancellationRequested();
        var fields = await database.HashGetAsync(PrefixedKey(key), ReadFields).WaitAsync(token).ConfigureAwait(false);
        if (fields[2].IsNull)
        {
            return null;
        }

        await RenewSlidingAsync(key, fields[0], fields[1], token).ConfigureAwait(false);
        return (byte[]?)fields[2];
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        token.ThrowIfCancellationRequested();
        var now = Now;
        var absolute = CacheExpiration.AbsoluteTicks(options, now);
        var sliding = options.SlidingExpiration?.Ticks ?? CacheExpiration.NotSet;
        var redisKey = PrefixedKey(key);

        // Both commands are queued before awaiting, so they travel in one write and run back to back.
        var write = database.HashSetAsync(redisKey, [new("absexp", absolute), new("sldexp", sliding), new("data", value)]);
        Task expire = CacheExpiration.TimeToLive(absolute, sliding, now) is { } ttl
            ? database.KeyExpireAsync(redisKey, ttl)
            // PERSIST: overwriting an entry that had an expiry with one that has none must drop the old expiry.
            : database.ExecuteAsync("PERSIST", redisKey);
        await Task.WhenAll(write, expire).WaitAsync(token).ConfigureAwait(false);
    }

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public async Task RefreshAsync(string key, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        token.ThrowIfCancellationRequested();
        var fields = await database.HashGetAsync(PrefixedKey(key), ExpirationFields).WaitAsync(token).ConfigureAwait(false);
        await RenewSlidingAsync(key, fields[0], fields[1], token).ConfigureAwait(false);
    }

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return database.KeyDeleteAsync(PrefixedKey(key)).WaitAsync(token);
    }

    private DateTimeOffset Now => options.TimeProvider.GetUtcNow();

    private RedisKey PrefixedKey(string key) => _prefix + key;

    private async Task RenewSlidingAsync(string key, RedisValue absoluteField, RedisValue slidingField, CancellationToken token)
    {
        if (slidingField.IsNull || (long)slidingField == CacheExpiration.NotSet)
        {
            return;
        }

        var absolute = absoluteField.IsNull ? CacheExpiration.NotSet : (long)absoluteField;
        if (CacheExpiration.TimeToLive(absolute, (long)slidingField, Now) is { } ttl)
        {
            await database.KeyExpireAsync(PrefixedKey(key), ttl).WaitAsync(token).ConfigureAwait(false);
        }
    }
}
