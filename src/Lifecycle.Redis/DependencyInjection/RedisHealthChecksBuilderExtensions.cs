using Lifecycle.Redis;
using Lifecycle.Redis.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Redis readiness check to <c>AddHealthChecks()</c>.</summary>
public static class RedisHealthChecksBuilderExtensions
{
    /// <summary>Checks the <see cref="RedisConnection"/> registered by <c>AddRedisClient</c> (or the keyed one named <paramref name="connectionName"/>).</summary>
    public static IHealthChecksBuilder AddRedis(this IHealthChecksBuilder builder, string name = "redis", string? connectionName = null, IEnumerable<string>? tags = null, TimeSpan? timeout = null) =>
        builder.Add(new HealthCheckRegistration(
            name,
            provider => new RedisHealthCheck(connectionName is null
                ? provider.GetRequiredService<RedisConnection>()
                : provider.GetRequiredKeyedService<RedisConnection>(connectionName)),
            HealthStatus.Unhealthy,
            tags ?? ["ready"],
            timeout ?? TimeSpan.FromSeconds(5)));
}
