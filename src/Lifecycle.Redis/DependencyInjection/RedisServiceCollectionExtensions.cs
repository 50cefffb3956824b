using Lifecycle.Redis;
using Lifecycle.Redis.Caching;
using Lifecycle.Redis.DependencyInjection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis client, the distributed cache and the health check the way Aspire's integrations do.</summary>
public static class RedisServiceCollectionExtensions
{
    private const string CacheConnectionKey = "Lifecycle.Redis.DistributedCache";

    /// <summary>
    /// Registers a singleton <see cref="RedisConnection"/> (also keyed by <paramref name="connectionName"/>) and
    /// <see cref="IRedisDatabase"/>, from <c>ConnectionStrings:{connectionName}</c>. The connection string is
    /// validated at start; the connection itself is made in the background so the service starts while Redis is down.
    /// </summary>
    public static IServiceCollection AddRedisClient(this IServiceCollection services, string connectionName = "cache")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        services.AddOptions<RedisClientSettings>(connectionName)
            .Configure<IConfiguration>((settings, configuration) => settings.ConnectionString ??= configuration.GetConnectionString(connectionName))
            .Validate(settings => TryParse(settings.ConnectionString), $"ConnectionStrings:{connectionName} must be a Redis connection string such as 127.0.0.1:6379,password=...")
            .ValidateOnStart();

        services.AddKeyedSingleton(connectionName, (provider, _) =>
        {
            var settings = provider.GetRequiredService<IOptionsMonitor<RedisClientSettings>>().Get(connectionName);
            var logger = provider.GetService<ILoggerFactory>()?.CreateLogger("Lifecycle.Redis");
            return RedisConnection.Create(RedisConnectionOptions.Parse(settings.ConnectionString!), logger);
        });
        services.TryAddSingleton(provider => provider.GetRequiredKeyedService<RedisConnection>(connectionName));
        services.TryAddSingleton(provider => provider.GetRequiredService<RedisConnection>().GetDatabase());
        services.TryAddSingleton(provider => provider.GetRequiredService<RedisConnection>().GetSubscriber());
        return services;
    }

    /// <summary>
    /// Registers <see cref="IDistributedCache"/> backed by Redis. Without <see cref="RedisCacheOptions.Configuration"/>
    /// it uses the connection from <see cref="AddRedisClient"/>.
    /// </summary>
    public static IServiceCollection AddRedisDistributedCache(this IServiceCollection services, Action<RedisCacheOptions>? configure = null)
    {
        var options = new RedisCacheOptions();
        configure?.Invoke(options);
        if (options.Configuration is { } configuration)
        {
            var connectionOptions = RedisConnectionOptions.Parse(configuration); // fail fast on a malformed string
            // Registered as its own keyed singleton so the container disposes (closes) it at shutdown.
            services.AddKeyedSingleton(CacheConnectionKey, (provider, _) =>
                RedisConnection.Create(connectionOptions, provider.GetService<ILoggerFactory>()?.CreateLogger("Lifecycle.Redis")));
            services.AddSingleton<IDistributedCache>(provider => new RedisDistributedCache(
                provider.GetRequiredKeyedService<RedisConnection>(CacheConnectionKey).GetDatabase(),
                options));
        }
        else
        {
            services.AddSingleton<IDistributedCache>(provider => new RedisDistributedCache(provider.GetRequiredService<IRedisDatabase>(), options));
        }

        return services;
    }

    private static bool TryParse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        try
        {
            RedisConnectionOptions.Parse(connectionString);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
