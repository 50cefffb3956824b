namespace Lifecycle.Redis;

/// <summary>A value stored by <see cref="VersionedWriteExtensions.SetIfNewerVersionAsync"/> together with its version.</summary>
public readonly record struct VersionedValue(long Version, RedisValue Value);
