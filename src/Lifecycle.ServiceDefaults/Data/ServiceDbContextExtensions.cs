using Lifecycle.ServiceDefaults.Data;
using Lifecycle.ServiceDefaults.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers a service's own database: provider from configuration, migrations at start, a readiness check.</summary>
public static class ServiceDbContextExtensions
{
    /// <summary>"false" registers a new DbContext per scope instead of renting pooled ones (to compare, or to rule pooling out).</summary>
    public const string ContextPoolingKey = "Database:ContextPooling";

    /// <summary>
    /// Contexts kept for reuse (EF's default is 1024). Not a limit: a rental that finds the pool empty constructs a
    /// context, as without pooling. Units of work in flight at once are bounded well below this by the connection
    /// pool (Npgsql's default 100) and, on 2–4 cores, by CPU; keeping 1,024 idle contexts after a burst would only hold
    /// memory (each keeps its internal service scope and its change tracker's grown collections).
    /// </summary>
    public const int ContextPoolSize = 128;

    /// <summary>
    /// Registers <typeparamref name="TContext"/> on "ConnectionStrings:{connectionName}" with the provider named by
    /// "Database:Provider" (Sqlite by default, or Postgres), applies its migrations at start and adds a readiness
    /// check named <paramref name="connectionName"/> (tags "ready", "database"). Both keys are checked at start-up.
    /// Contexts are pooled (see <see cref="ContextPoolingKey"/>); PostgreSQL connections get
    /// <see cref="NpgsqlConnectionDefaults"/> where the connection string does not set them.
    /// </summary>
    /// <param name="sqliteSynchronous">On SQLite, whether every commit is synced to disk; ignored on PostgreSQL.</param>
    public static IHostApplicationBuilder AddServiceDbContext<TContext>(
        this IHostApplicationBuilder builder, string connectionName, Action<DbContextOptionsBuilder>? configure = null,
        SqliteSynchronous sqliteSynchronous = SqliteSynchronous.Full)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionName);

        builder.Services.AddOptions<ServiceDatabaseOptions>(connectionName)
            .Configure<IConfiguration>((options, configuration) => options.Read(configuration, connectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ServiceDatabaseOptions>>(new DatabaseOptionsValidator(connectionName));

        // Options are built once (a singleton): the SQLite directory is prepared once, not per request scope.
        void Configure(IServiceProvider provider, DbContextOptionsBuilder options)
        {
            var database = provider.GetRequiredService<IOptionsMonitor<ServiceDatabaseOptions>>().Get(connectionName);
            UseProvider(options, database, sqliteSynchronous);
            // Migrations are hand-written (the EF Design package is not on our feed), so there is no model snapshot and
            // EF would always see "pending model changes" and refuse to migrate; the migration tests guard the schema.
            options.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
            configure?.Invoke(options);
        }

        if (builder.Configuration.GetValue(ContextPoolingKey, true))
        {
            // Each scope rents a context that EF resets on return instead of constructing one (its internal services,
            // change tracker and facades): 35–50 % less CPU per event in our process in the messaging benchmark
            // (docs/benchmarks.md, round 5). The context must take only its options in its constructor; per-context
            // state in interceptors must be forgotten when the context is returned (Lifecycle.Messaging's
            // DbContextReturnHook, which AddMessaging adds; docs/messaging.md, "Pooled DbContexts").
            // ConfigureDbContext callbacks still apply: the pool's options are built from them once.
            builder.Services.AddDbContextPool<TContext>(Configure, ContextPoolSize);
        }
        else
        {
            builder.Services.AddDbContext<TContext>(Configure, ServiceLifetime.Scoped, optionsLifetime: ServiceLifetime.Singleton);
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<MigrationStatus<TContext>>();
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        builder.Services.AddHostedService(provider => new PostgresPoolRelease<TContext>(
            provider.GetRequiredService<IOptionsMonitor<ServiceDatabaseOptions>>(), connectionName));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>(
            connectionName, failureStatus: null, tags: [HealthTags.Ready, "database"]);
        return builder;
    }

    private static void UseProvider(DbContextOptionsBuilder options, ServiceDatabaseOptions database, SqliteSynchronous sqliteSynchronous)
    {
        var connectionString = database.ConnectionString
            ?? throw new InvalidOperationException("The database connection string was validated at start-up.");
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                options.UseNpgsql(NpgsqlConnectionDefaults.Apply(connectionString));
                break;
            default:
                options.UseSqlite(SqliteDatabase.Prepare(connectionString)).AddInterceptors(SqlitePragmaInterceptor.For(sqliteSynchronous));
                break;
        }
    }

    /// <summary>Reports each configuration problem with its key, instead of the generic "validation failed" of Validate.</summary>
    private sealed class DatabaseOptionsValidator(string connectionName) : IValidateOptions<ServiceDatabaseOptions>
    {
        public ValidateOptionsResult Validate(string? name, ServiceDatabaseOptions options) =>
            name != connectionName ? ValidateOptionsResult.Skip
            : options.Problems(connectionName).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems)
            : ValidateOptionsResult.Success;
    }
}
