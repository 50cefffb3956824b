namespace Lifecycle.Redis.Caching;

/// <summary>Settings of <see cref="RedisDistributedCache"/>.</summary>
public sealed class RedisCacheOptions
{
    /// <summary>Connection string for a cache-owned connection; null uses the <see cref="RedisConnection"/> registered in DI.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix put before every cache key (e.g. <c>contacts:</c>) so services can share one server.</summary>
    public string? InstanceName { get; set; }

    /// <summary>Clock for absolute and sliding expiration; tests substitute a fake.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
