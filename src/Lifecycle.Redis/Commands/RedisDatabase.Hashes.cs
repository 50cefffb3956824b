using Lifecycle.Redis.Connection;
using Lifecycle.Redis.Protocol;

namespace Lifecycle.Redis;

/// <summary>Hash commands.</summary>
internal sealed partial class RedisDatabase
{
    public Task<bool> HashSetAsync(RedisKey key, RedisValue field, RedisValue value) =>
        manager.ExecuteAsync(RedisCommands.HSet, ReplyConverters.IntegerIsOne, key, field, value);

    public Task HashSetAsync(RedisKey key, HashEntry[] fields)
    {
        ArgumentOutOfRangeException.ThrowIfZero(fields.Length, nameof(fields));
        var args = new RedisValue[1 + (2 * fields.Length)];
        args[0] = key;
        for (var i = 0; i < fields.Length; i++)
        {
            args[1 + (2 * i)] = fields[i].Name;
            args[2 + (2 * i)] = fields[i].Value;
        }

        return manager.ExecuteAsync(RedisCommands.HSet, ReplyConverters.Integer, args);
    }

    public Task<RedisValue> HashGetAsync(RedisKey key, RedisValue field) =>
        manager.ExecuteAsync(RedisCommands.HGet, ReplyConverters.Value, key, field);

    public Task<RedisValue[]> HashGetAsync(RedisKey key, RedisValue[] fields)
    {
        ArgumentOutOfRangeException.ThrowIfZero(fields.Length, nameof(fields));
        return manager.ExecuteAsync(RedisCommands.HMGet, ReplyConverters.Values, [key, .. fields]);
    }

    public Task<HashEntry[]> HashGetAllAsync(RedisKey key) => manager.ExecuteAsync(RedisCommands.HGetAll, ReplyConverters.HashEntries, key);
}
