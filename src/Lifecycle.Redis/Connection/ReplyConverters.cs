namespace Lifecycle.Redis.Connection;

/// <summary>The reply shapes commands map to, as cached delegates so no closure is allocated per call.</summary>
internal static class ReplyConverters
{
    public static readonly ReplyConverter<RedisResult> Raw = static (in RedisResult r) => r;
    public static readonly ReplyConverter<RedisValue> Value = static (in RedisResult r) => r.AsValue();
    public static readonly ReplyConverter<long> Integer = static (in RedisResult r) => r.AsInt64();
    public static readonly ReplyConverter<bool> IntegerIsOne = static (in RedisResult r) => r.AsInt64() == 1;

    /// <summary>SET answers OK when it wrote and nil when NX/XX prevented the write.</summary>
    public static readonly ReplyConverter<bool> OkOrNil = static (in RedisResult r) =>
        r.IsSimpleString("OK") || (r.IsNull ? false : throw new InvalidCastException($"expected OK or nil, got {r.Type}"));

    public static readonly ReplyConverter<bool> Ok = static (in RedisResult r) =>
        r.IsSimpleString("OK") ? true : throw new InvalidCastException($"expected OK, got {r}");

    public static readonly ReplyConverter<RedisValue[]> Values = static (in RedisResult r) =>
    {
        var items = r.Items;
        var values = new RedisValue[items.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = items[i].AsValue();
        }

        return values;
    };

    /// <summary>HGETALL: a flat field/value array in RESP2, a map in RESP3; both are flattened the same way.</summary>
    public static readonly ReplyConverter<HashEntry[]> HashEntries = static (in RedisResult r) =>
    {
        var items = r.Items;
        var entries = new HashEntry[items.Count / 2];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new HashEntry(items[2 * i].AsValue(), items[(2 * i) + 1].AsValue());
        }

        return entries;
    };

    /// <summary>PTTL: -2 = no such key, -1 = no expiry; both mean "no time to live" to the caller.</summary>
    public static readonly ReplyConverter<TimeSpan?> TimeToLive = static (in RedisResult r) =>
        r.AsInt64() is var ms and >= 0 ? TimeSpan.FromMilliseconds(ms) : null;
}
