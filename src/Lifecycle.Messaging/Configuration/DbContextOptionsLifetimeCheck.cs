using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Messaging.Configuration;

/// <summary>
/// Warns at start when the service's DbContext options are built per scope (AddDbContext's default options lifetime):
/// then every unit of work, relay pass and inbox batch runs each ConfigureDbContext callback again (the outbox and
/// write-gate interceptors are added that way) and EF looks its internal service provider up by comparing whole option
/// sets — a large share of a producer commit's CPU in the messaging benchmark. AddServiceDbContext builds them once;
/// a hand-written registration should pass <c>optionsLifetime: ServiceLifetime.Singleton</c>. A warning, not a
/// failure: the service still works, only slower.
/// </summary>
internal sealed class DbContextOptionsLifetimeCheck<TDbContext>(IServiceScopeFactory scopes, ILogger<DbContextOptionsLifetimeCheck<TDbContext>> logger)
    : IHostedService
    where TDbContext : DbContext
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        using var first = scopes.CreateScope();
        using var second = scopes.CreateScope();
        var options = first.ServiceProvider.GetService<DbContextOptions<TDbContext>>();
        if (options is not null && !ReferenceEquals(options, second.ServiceProvider.GetService<DbContextOptions<TDbContext>>()))
        {
            logger.LogWarning(
                "{DbContext}'s options are built in every scope: register it with optionsLifetime: ServiceLifetime.Singleton " +
                "(as AddServiceDbContext does) so each unit of work, relay pass and inbox batch does not rebuild them",
                typeof(TDbContext).Name);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
