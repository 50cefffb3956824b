namespace Lifecycle.Redis.DependencyInjection;

/// <summary>Options bound for <c>AddRedisClient(name)</c>: the connection string read from <c>ConnectionStrings:{name}</c>.</summary>
public sealed class RedisClientSettings
{
    public string? ConnectionString { get; set; }
}
