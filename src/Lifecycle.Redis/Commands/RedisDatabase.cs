using System.Diagnostics;
using Lifecycle.Redis.Connection;
using Lifecycle.Redis.Protocol;
using static Lifecycle.Redis.Commands.ExpiryArguments;

namespace Lifecycle.Redis;

/// <summary>Maps each <see cref="IRedisDatabase"/> call to one RESP command on the shared connection.</summary>
internal sealed partial class RedisDatabase(ConnectionManager manager) : IRedisDatabase
{
    private readonly Scripting.ScriptCache _scripts = new();

    public Task<RedisValue> StringGetAsync(RedisKey key) => manager.ExecuteAsync(RedisCommands.Get, ReplyConverters.Value, key);

    public Task<RedisValue[]> StringGetAsync(RedisKey[] keys) =>
        manager.ExecuteAsync(RedisCommands.MGet, ReplyConverters.Values, AsValues(keys));

    public Task<bool> StringSetAsync(RedisKey key, RedisValue value, TimeSpan? expiry = null, When when = When.Always)
    {
        RedisValue condition = when switch
        {
            When.Exists => "XX",
            When.NotExists => "NX",
            _ => RedisValue.Null,
        };
        if (expiry is not { } ttl)
        {
            return condition.IsNull
                ? manager.ExecuteAsync(RedisCommands.Set, ReplyConverters.OkOrNil, key, value)
                : manager.ExecuteAsync(RedisCommands.Set, ReplyConverters.OkOrNil, key, value, condition);
        }

        RedisValue unit = IsWholeSeconds(ttl) ? "EX" : "PX";
        var amount = Amount(ttl);
        return condition.IsNull
            ? manager.ExecuteAsync(RedisCommands.Set, ReplyConverters.OkOrNil, key, value, unit, amount)
            : manager.ExecuteAsync(RedisCommands.Set, ReplyConverters.OkOrNil, key, value, unit, amount, condition);
    }

    public Task<long> StringIncrementAsync(RedisKey key, long value = 1) => value == 1
        ? manager.ExecuteAsync(RedisCommands.Incr, ReplyConverters.Integer, key)
        : manager.ExecuteAsync(RedisCommands.IncrBy, ReplyConverters.Integer, key, value);

    public Task<bool> KeyDeleteAsync(RedisKey key) => manager.ExecuteAsync(RedisCommands.Del, ReplyConverters.IntegerIsOne, key);

    public Task<long> KeyDeleteAsync(RedisKey[] keys) => manager.ExecuteAsync(RedisCommands.Del, ReplyConverters.Integer, AsValues(keys));

    public Task<bool> KeyExistsAsync(RedisKey key) => manager.ExecuteAsync(RedisCommands.Exists, ReplyConverters.IntegerIsOne, key);

    public Task<long> KeyExistsAsync(RedisKey[] keys) => manager.ExecuteAsync(RedisCommands.Exists, ReplyConverters.Integer, AsValues(keys));

    public Task<bool> KeyExpireAsync(RedisKey key, TimeSpan expiry) => IsWholeSeconds(expiry)
        ? manager.ExecuteAsync(RedisCommands.Expire, ReplyConverters.IntegerIsOne, key, Amount(expiry))
        : manager.ExecuteAsync(RedisCommands.PExpire, ReplyConverters.IntegerIsOne, key, Amount(expiry));

    public Task<TimeSpan?> KeyTimeToLiveAsync(RedisKey key) => manager.ExecuteAsync(RedisCommands.PTtl, ReplyConverters.TimeToLive, key);

    public async Task<TimeSpan> PingAsync()
    {
        var started = Stopwatch.GetTimestamp();
        await manager.ExecuteAsync(RedisCommands.Ping, ReplyConverters.Raw).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(started);
    }

    public Task<long> PublishAsync(RedisChannel channel, RedisValue message) =>
        manager.ExecuteAsync(RedisCommands.Publish, ReplyConverters.Integer, channel.Name, message);

    public Task<RedisResult> ExecuteAsync(string command, params RedisValue[] args)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        return manager.ExecuteAsync(new RedisCommand(command.ToUpperInvariant()), ReplyConverters.Raw, args);
    }

    private static RedisValue[] AsValues(RedisKey[] keys)
    {
        ArgumentOutOfRangeException.ThrowIfZero(keys.Length, nameof(keys));
        var values = new RedisValue[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            values[i] = keys[i];
        }

        return values;
    }
}
