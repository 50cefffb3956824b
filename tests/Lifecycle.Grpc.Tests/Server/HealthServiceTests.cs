using Grpc.Health.V1;
using Lifecycle.Grpc.Testing.Server;
using Lifecycle.Grpc.Testing.Wire;
using Lifecycle.Grpc.Tests.Server.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Lifecycle.Grpc.Tests.Server;

public sealed class HealthServiceTests
{
    private const string CheckPath = "/grpc.health.v1.Health/Check";
    private const string WatchPath = "/grpc.health.v1.Health/Watch";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static Task<GrpcTestServer> StartAsync(SwitchableHealthCheck check) =>
        GrpcTestServer.StartAsync(options => options.ConfigureServices = services =>
        {
            services.AddHealthChecks().AddCheck("switch", check);
            services.Configure<HealthCheckPublisherOptions>(publisher =>
            {
                publisher.Delay = TimeSpan.Zero;
                // The shortest period ASP.NET Core allows: a pushed change arrives within about a second.
                publisher.Period = TimeSpan.FromSeconds(1);
            });
        });

    [Theory]
    [InlineData("")]
    [InlineData("lifecycle.testing.v1.EchoService")]
    public async Task Check_reports_SERVING_for_the_server_and_each_mapped_service(string service)
    {
        await using var server = await StartAsync(new SwitchableHealthCheck());
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync(CheckPath, new HealthCheckRequest { Service = service });

        Assert.Equal(ServingStatus.Serving, Assert.Single(response.Messages(HealthCheckResponse.Parser)).Status);
    }

    [Fact]
    public async Task Check_reports_NOT_SERVING_when_a_health_check_fails()
    {
        await using var server = await StartAsync(new SwitchableHealthCheck { Healthy = false });
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync(CheckPath, new HealthCheckRequest());

        Assert.Equal(ServingStatus.NotServing, Assert.Single(response.Messages(HealthCheckResponse.Parser)).Status);
    }

    [Fact]
    public async Task Check_of_an_unknown_service_is_NOT_FOUND()
    {
        await using var server = await StartAsync(new SwitchableHealthCheck());
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync(CheckPath, new HealthCheckRequest { Service = "nobody.v1.Nothing" });

        Assert.Equal(5, response.GrpcStatus);
    }

    [Fact]
    public async Task Watch_sends_the_current_status_then_pushes_a_change()
    {
        var check = new SwitchableHealthCheck();
        await using var server = await StartAsync(check);
        using var http = server.CreateHttpClient();
        await using var watch = new RawGrpcClient(http).StartStreaming(WatchPath);
        await watch.WriteAsync(new HealthCheckRequest());
        watch.CompleteRequest();

        var first = await watch.ReadAsync(HealthCheckResponse.Parser).WaitAsync(Patience);
        check.Healthy = false;
        var second = await watch.ReadAsync(HealthCheckResponse.Parser).WaitAsync(Patience);

        Assert.Equal(ServingStatus.Serving, first?.Status);
        Assert.Equal(ServingStatus.NotServing, second?.Status);
    }

    [Fact]
    public async Task Watch_of_an_unknown_service_reports_SERVICE_UNKNOWN()
    {
        await using var server = await StartAsync(new SwitchableHealthCheck());
        using var http = server.CreateHttpClient();
        await using var watch = new RawGrpcClient(http).StartStreaming(WatchPath);
        await watch.WriteAsync(new HealthCheckRequest { Service = "nobody.v1.Nothing" });
        watch.CompleteRequest();

        var first = await watch.ReadAsync(HealthCheckResponse.Parser).WaitAsync(Patience);

        Assert.Equal(ServingStatus.ServiceUnknown, first?.Status);
    }
}
