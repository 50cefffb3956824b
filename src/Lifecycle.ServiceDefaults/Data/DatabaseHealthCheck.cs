using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lifecycle.ServiceDefaults.Data;

/// <summary>Readiness of a service database: Unhealthy until migrated, then whenever a connection cannot be opened.</summary>
internal sealed class DatabaseHealthCheck<TContext>(IServiceScopeFactory scopes, MigrationStatus<TContext> status) : IHealthCheck
    where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!status.IsMigrated)
        {
            return HealthCheckResult.Unhealthy(status.LastError is null ? "migrating" : "migration failed, retrying");
        }

        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TContext>().Database;
        return await database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("unreachable");
    }
}
