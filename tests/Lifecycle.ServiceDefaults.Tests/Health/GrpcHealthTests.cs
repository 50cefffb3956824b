using Grpc.Health.V1;
using Grpc.Net.Client;
using Lifecycle.ServiceDefaults.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using HealthClient = Grpc.Health.V1.Health.HealthClient;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Lifecycle.ServiceDefaults.Tests.Health;

public sealed class GrpcHealthTests
{
    [Fact]
    public async Task Grpc_health_reports_the_same_checks_as_health_and_alive()
    {
        await using var service = await TestService.StartAsync(configure: builder => builder.Services.AddHealthChecks()
            .AddCheck("messaging", () => HealthCheckResult.Unhealthy("broker down"), tags: ["ready"]));
        using var channel = GrpcChannel.ForAddress(service.Address);
        var health = new HealthClient(channel);

        var whole = await health.CheckAsync(new HealthCheckRequest());
        var liveness = await health.CheckAsync(new HealthCheckRequest { Service = "liveness" });

        Assert.Equal(ServingStatus.NotServing, whole.Status);
        Assert.Equal(ServingStatus.Serving, liveness.Status);
    }

    [Fact]
    public async Task Grpc_health_is_serving_when_every_check_passes()
    {
        await using var service = await TestService.StartAsync();
        using var channel = GrpcChannel.ForAddress(service.Address);

        var reply = await new HealthClient(channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(ServingStatus.Serving, reply.Status);
    }
}
