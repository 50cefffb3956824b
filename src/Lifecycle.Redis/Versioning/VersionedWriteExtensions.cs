namespace Lifecycle.Redis;

/// <summary>
/// Last-writer-by-version storage for caches fed by out-of-order producers (the stage snapshot cache):
/// an older version never overwrites a newer one, decided atomically on the server by a Lua script.
/// The key holds a hash with fields <c>v</c> (version) and <c>d</c> (data).
/// </summary>
public static class VersionedWriteExtensions
{
    // Versions are compared as canonical decimal strings (longer = larger, then lexically), not with tonumber():
    // Lua numbers are doubles and would treat versions above 2^53 that differ by one as equal.
    private const string SetIfNewerScript = """
        local current = redis.call('HGET', KEYS[1], 'v')
        local incoming = ARGV[1]
        if current and (#current > #incoming or (#current == #incoming and current >= incoming)) then
          return 0
        end
        redis.call('HSET', KEYS[1], 'v', incoming, 'd', ARGV[2])
        local ttl = tonumber(ARGV[3])
        if ttl > 0 then
          redis.call('PEXPIRE', KEYS[1], ttl)
        else
          redis.call('PERSIST', KEYS[1])
        end
        return 1
        """;

    /// <summary>Stores <paramref name="value"/> only if <paramref name="version"/> is newer than the stored one; true when stored.</summary>
    public static async Task<bool> SetIfNewerVersionAsync(this IRedisDatabase database, RedisKey key, long version, RedisValue value, TimeSpan? ttl = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        var ttlMs = ttl is { } t ? Math.Max(1, (long)Math.Ceiling(t.TotalMilliseconds)) : 0;
        var stored = await database.ScriptEvaluateAsync(SetIfNewerScript, [key], [version, value, ttlMs]).ConfigureAwait(false);
        return stored.AsInt64() == 1;
    }

    /// <summary>Reads a value written by <see cref="SetIfNewerVersionAsync"/>; null when absent.</summary>
    public static async Task<VersionedValue?> GetWithVersionAsync(this IRedisDatabase database, RedisKey key)
    {
        var fields = await database.HashGetAsync(key, ["v", "d"]).ConfigureAwait(false);
        return fields[0].IsNull || fields[1].IsNull ? null : new VersionedValue((long)fields[0], fields[1]);
    }
}
