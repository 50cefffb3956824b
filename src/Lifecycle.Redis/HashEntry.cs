namespace Lifecycle.Redis;

/// <summary>One field of a Redis hash and its value.</summary>
public readonly record struct HashEntry(RedisValue Name, RedisValue Value);
