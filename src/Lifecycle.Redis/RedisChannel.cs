namespace Lifecycle.Redis;

/// <summary>A pub/sub channel name, or a glob pattern when <see cref="IsPattern"/> (PSUBSCRIBE).</summary>
public readonly record struct RedisChannel(string Name, bool IsPattern)
{
    /// <summary>A channel matched by exact name.</summary>
    public static RedisChannel Literal(string name) => new(name, false);

    /// <summary>A glob pattern such as <c>snapshot:*</c>.</summary>
    public static RedisChannel Pattern(string pattern) => new(pattern, true);

    public static implicit operator RedisChannel(string name) => Literal(name);

    /// <inheritdoc />
    public override string ToString() => Name;
}
