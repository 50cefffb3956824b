using System.Net;
using Lifecycle.ServiceDefaults.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Lifecycle.ServiceDefaults.Tests.Health;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Health_and_alive_answer_healthy_over_h2c_when_every_check_passes()
    {
        await using var service = await TestService.StartAsync();
        using var client = service.CreateHttp2Client();

        var health = await client.GetAsync("/health");
        var alive = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpVersion.Version20, health.Version);
        Assert.StartsWith("Healthy\n", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Contains("self: Healthy", await alive.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_failing_dependency_fails_health_but_not_alive()
    {
        await using var service = await TestService.StartAsync(configure: builder => builder.Services.AddHealthChecks()
            .AddCheck("cache", () => HealthCheckResult.Unhealthy("connection refused"), tags: ["ready"]));
        using var client = service.CreateHttp2Client();

        var health = await client.GetAsync("/health");
        var alive = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var report = await health.Content.ReadAsStringAsync();
        Assert.StartsWith("Unhealthy\n", report);
        Assert.Contains("cache: Unhealthy (connection refused)", report);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.DoesNotContain("cache", await alive.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Adding_the_defaults_twice_keeps_a_single_self_check()
    {
        await using var service = await TestService.StartAsync(configure: builder => builder.AddServiceDefaults());
        using var client = service.CreateHttp2Client();

        var alive = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
