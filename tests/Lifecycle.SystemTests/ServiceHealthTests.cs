using Grpc.Health.V1;

namespace Lifecycle.SystemTests;

[Collection(SystemCollection.Name)]
public sealed class ServiceHealthTests(SystemFixture system)
{
    [Fact]
    public async Task Every_service_the_AppHost_started_answers_grpc_health_SERVING()
    {
        Assert.NotEmpty(system.Harness.GrpcEndpoints);
        foreach (var service in system.Harness.GrpcEndpoints.Keys)
        {
            var health = system.Client<Health.HealthClient>(service);

            var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));

            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
        }
    }
}
