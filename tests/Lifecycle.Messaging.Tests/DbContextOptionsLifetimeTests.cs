using Lifecycle.Messaging.Configuration;
using Lifecycle.Messaging.TestDispatcher.Model;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Messaging.Tests;

/// <summary>
/// AddMessaging warns at start when the service's DbContext options are rebuilt in every scope (AddDbContext's
/// default), which makes every unit of work, relay pass and inbox batch run the options callbacks again, and stays
/// quiet when they are a singleton as AddServiceDbContext registers them.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class DbContextOptionsLifetimeTests(PostgresFixture postgres)
{
    [Theory]
    [InlineData(ServiceLifetime.Scoped, true)]
    [InlineData(ServiceLifetime.Singleton, false)]
    public async Task Options_built_per_scope_are_reported_at_start(ServiceLifetime optionsLifetime, bool warned)
    {
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        var services = new ServiceCollection();
        services.AddDbContext<TestDbContext>(database.Configure, ServiceLifetime.Scoped, optionsLifetime);
        await using var provider = services.BuildServiceProvider();
        var logger = new CapturingLogger();

        await new DbContextOptionsLifetimeCheck<TestDbContext>(provider.GetRequiredService<IServiceScopeFactory>(), logger)
            .StartAsync(CancellationToken.None);

        Assert.Equal(warned, logger.Warnings.Any(w => w.Contains("optionsLifetime: ServiceLifetime.Singleton", StringComparison.Ordinal)));
    }

    private sealed class CapturingLogger : ILogger<DbContextOptionsLifetimeCheck<TestDbContext>>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
