namespace Lifecycle.Redis;

/// <summary>A binary-safe key: text (UTF-8) or raw bytes.</summary>
public readonly record struct RedisKey(RedisValue Value)
{
    public static implicit operator RedisKey(string key) => new((RedisValue)key);

    public static implicit operator RedisKey(byte[] key) => new((RedisValue)key);

    public static implicit operator RedisValue(RedisKey key) => key.Value;

    /// <inheritdoc />
    public override string ToString() => Value.ToString() ?? "";
}
