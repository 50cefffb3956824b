using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifecycle.ServiceDefaults.Data;

/// <summary>
/// Applies <typeparamref name="TContext"/>'s migrations in the background at start, retrying with backoff while the
/// database is unreachable; the "database" readiness check stays Unhealthy until it has succeeded. Running in the
/// background keeps /alive answering meanwhile, so an orchestrator does not restart a process that only waits.
/// Safe with replicas: EF Core 9+ takes a database-wide migration lock on every provider (a lock table on SQLite,
/// a table lock on PostgreSQL), so concurrent migrators apply each migration once and the others find nothing to do.
/// </summary>
internal sealed partial class DatabaseMigrator<TContext>(
    IServiceScopeFactory scopes, MigrationStatus<TContext> status, TimeProvider time, ILogger<DatabaseMigrator<TContext>> logger)
    : BackgroundService
    where TContext : DbContext
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await MigrateAsync(stoppingToken);
                status.MarkMigrated();
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                status.MarkFailed(e.Message);
                LogMigrationFailed(logger, e, typeof(TContext).Name, attempt, delay);
            }

            await Task.Delay(delay, time, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await context.Database.MigrateAsync(cancellationToken);
        LogMigrated(logger, typeof(TContext).Name, pending.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migrating {Context} failed (attempt {Attempt}); retrying in {Delay}")]
    private static partial void LogMigrationFailed(ILogger logger, Exception exception, string context, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Context} is migrated ({Pending} migrations were pending before the lock)")]
    private static partial void LogMigrated(ILogger logger, string context, int pending);
}
