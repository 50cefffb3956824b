using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lifecycle.Redis.Health;

/// <summary>Readiness check: healthy when PING answers, unhealthy (with the reason) when Redis is down or silent.</summary>
public sealed class RedisHealthCheck(RedisConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var roundTrip = await connection.GetDatabase().PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy(
                $"Redis at {connection.Options.EndPoint} answered PING in {roundTrip.TotalMilliseconds:0.0} ms.",
                new Dictionary<string, object> { ["endpoint"] = connection.Options.EndPoint, ["pingMs"] = roundTrip.TotalMilliseconds });
        }
        catch (RedisException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, ex.Message, ex);
        }
    }
}
