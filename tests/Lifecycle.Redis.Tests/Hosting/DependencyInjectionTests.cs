using Lifecycle.Redis.Tests.Infrastructure;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Lifecycle.Redis.Tests.Hosting;

public sealed class DependencyInjectionTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private static ServiceProvider Build(string? connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:cache"] = connectionString })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddRedisClient("cache")
            .AddRedisDistributedCache(options => options.InstanceName = "di:");
        services.AddHealthChecks().AddRedis();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task AddRedisClient_reads_ConnectionStrings_cache_and_the_cache_and_health_check_work()
    {
        await using var provider = Build(fixture.Server.ConnectionString);
        var connection = provider.GetRequiredService<RedisConnection>();
        await Eventually.TrueAsync(() => connection.IsConnected, TimeSpan.FromSeconds(5), "background connect");

        var cache = provider.GetRequiredService<IDistributedCache>();
        await cache.SetStringAsync("greeting", "hello");
        var health = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal("hello", await cache.GetStringAsync("greeting"));
        Assert.Equal("hello", (string?)await fixture.Database.HashGetAsync("di:greeting", "data"));
        Assert.Same(connection, provider.GetRequiredKeyedService<RedisConnection>("cache"));
        Assert.Equal(HealthStatus.Healthy, health.Status);
    }

    [Fact]
    public async Task Health_check_is_unhealthy_when_redis_is_unreachable()
    {
        await using var provider = Build($"127.0.0.1:{FreePort.Next()}");

        var health = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Contains("No connection to Redis", health.Entries["redis"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_connection_string_fails_validation_naming_the_key()
    {
        await using var provider = Build(null);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<RedisConnection>());

        Assert.Contains("ConnectionStrings:cache", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRedisDistributedCache_with_its_own_connection_string_needs_no_client_registration()
    {
        var services = new ServiceCollection().AddLogging().AddRedisDistributedCache(options =>
        {
            options.Configuration = fixture.Server.ConnectionString;
            options.InstanceName = "own:";
        });
        await using var provider = services.BuildServiceProvider();
        var cache = provider.GetRequiredService<IDistributedCache>();

        // The cache's connection is made in the background, so the first write may race it.
        await Eventually.SucceedsAsync(async () =>
        {
            await cache.SetStringAsync("k", "v");
            return true;
        }, TimeSpan.FromSeconds(5));

        Assert.Equal("v", (string?)await fixture.Database.HashGetAsync("own:k", "data"));
    }
}
