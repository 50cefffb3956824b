namespace Lifecycle.Redis;

/// <summary>The Redis commands the platform uses; every call is pipelined on the shared connection.</summary>
public interface IRedisDatabase
{
    /// <summary>GET: the value, or <see cref="RedisValue.Null"/> when the key does not exist.</summary>
    Task<RedisValue> StringGetAsync(RedisKey key);

    /// <summary>MGET: one value per key, in order, null where a key is missing.</summary>
    Task<RedisValue[]> StringGetAsync(RedisKey[] keys);

    /// <summary>SET with optional EX/PX expiry and NX/XX condition; false when the condition prevented the write.</summary>
    Task<bool> StringSetAsync(RedisKey key, RedisValue value, TimeSpan? expiry = null, When when = When.Always);

    /// <summary>INCR / INCRBY: the value after the increment.</summary>
    Task<long> StringIncrementAsync(RedisKey key, long value = 1);

    /// <summary>DEL of one key: true when it existed.</summary>
    Task<bool> KeyDeleteAsync(RedisKey key);

    /// <summary>DEL of many keys: how many existed.</summary>
    Task<long> KeyDeleteAsync(RedisKey[] keys);

    /// <summary>EXISTS of one key.</summary>
    Task<bool> KeyExistsAsync(RedisKey key);

    /// <summary>EXISTS of many keys: how many exist (a key named twice counts twice).</summary>
    Task<long> KeyExistsAsync(RedisKey[] keys);

    /// <summary>EXPIRE (whole seconds) or PEXPIRE; false when the key does not exist.</summary>
    Task<bool> KeyExpireAsync(RedisKey key, TimeSpan expiry);

    /// <summary>TTL in milliseconds (PTTL); null when the key does not exist or never expires.</summary>
    Task<TimeSpan?> KeyTimeToLiveAsync(RedisKey key);

    /// <summary>HSET of one field: true when the field is new.</summary>
    Task<bool> HashSetAsync(RedisKey key, RedisValue field, RedisValue value);

    /// <summary>HSET of several fields at once.</summary>
    Task HashSetAsync(RedisKey key, HashEntry[] fields);

    /// <summary>HGET: the field's value or null.</summary>
    Task<RedisValue> HashGetAsync(RedisKey key, RedisValue field);

    /// <summary>HMGET: one value per field, null where missing.</summary>
    Task<RedisValue[]> HashGetAsync(RedisKey key, RedisValue[] fields);

    /// <summary>HGETALL: every field and value (empty when the key does not exist).</summary>
    Task<HashEntry[]> HashGetAllAsync(RedisKey key);

    /// <summary>Runs a Lua script by its SHA1 (EVALSHA), loading it with EVAL only when the server answers NOSCRIPT.</summary>
    Task<RedisResult> ScriptEvaluateAsync(string script, RedisKey[]? keys = null, RedisValue[]? values = null);

    /// <summary>PUBLISH: how many subscribers received the message.</summary>
    Task<long> PublishAsync(RedisChannel channel, RedisValue message);

    /// <summary>PING: the round-trip time.</summary>
    Task<TimeSpan> PingAsync();

    /// <summary>Any other command, e.g. <c>ExecuteAsync("OBJECT", "ENCODING", key)</c>.</summary>
    Task<RedisResult> ExecuteAsync(string command, params RedisValue[] args);
}
