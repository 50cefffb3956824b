using Lifecycle.Testing;

namespace Lifecycle.Hosting.Tests;

public sealed class WiringTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task References_inject_connection_strings_and_service_endpoints_with_Aspire_names()
    {
        using var state = new TestDirectory("wiring");
        var builder = TestService.CreateBuilder(state);
        var cache = builder.AddRedis("cache");
        var contactsDb = builder.AddSqlite("sqlite").AddDatabase("contactsdb");
        var loyalty = builder.AddProject("loyalty", TestService.ProjectPath).WithReplicas(2);
        var contacts = builder.AddProject("contacts", TestService.ProjectPath)
            .WithReference(cache).WithReference(contactsDb).WithReference(loyalty)
            .WithEnvironment("Feature__Greeting", "hello")
            .WaitFor(cache);
        await using var app = builder.Build();

        await app.StartAsync();
        await app.WaitForAllHealthyAsync(StartTimeout);

        var service = app.GetInstance("contacts");
        var redisPort = app.GetInstance("cache").Ports["tcp"];
        Assert.Equal($"127.0.0.1:{redisPort}", await TestService.ReadConfigurationAsync(service, "ConnectionStrings:cache"));
        Assert.Equal($"Data Source={Path.Combine(state.Path, "data", "sqlite", "contactsdb.db")}",
            await TestService.ReadConfigurationAsync(service, "ConnectionStrings:contactsdb"));
        Assert.Equal("Sqlite", await TestService.ReadConfigurationAsync(service, "Database:Provider"));
        Assert.Equal(app.GetInstance("loyalty").EndpointUrls["grpc"], await TestService.ReadConfigurationAsync(service, "services:loyalty:grpc:0"));
        Assert.Equal(app.GetInstance("loyalty-1").EndpointUrls["grpc"], await TestService.ReadConfigurationAsync(service, "services:loyalty:grpc:1"));
        Assert.Equal("contacts", await TestService.ReadConfigurationAsync(service, "OTEL_SERVICE_NAME"));
        Assert.Equal("hello", await TestService.ReadConfigurationAsync(service, "Feature:Greeting"));
    }

    [Fact]
    public async Task Replicas_listen_on_their_own_ports()
    {
        using var state = new TestDirectory("replicas");
        var builder = TestService.CreateBuilder(state);
        builder.AddProject("orders", TestService.ProjectPath).WithReplicas(3);
        await using var app = builder.Build();

        await app.StartAsync();
        await app.WaitForAllHealthyAsync(StartTimeout);

        var replicas = app.Instances.Where(i => i.Resource.Name == "orders").ToList();
        Assert.Equal(["orders", "orders-1", "orders-2"], replicas.Select(r => r.Name));
        Assert.Equal(3, replicas.Select(r => r.Ports["grpc"]).Distinct().Count());
        Assert.Equal(3, replicas.Select(r => r.Pid).Distinct().Count());
    }

    [Fact]
    public async Task WaitFor_holds_a_service_until_its_dependency_is_healthy()
    {
        using var state = new TestDirectory("waitfor");
        var builder = TestService.CreateBuilder(state);
        var pg = builder.AddPostgres("pg");
        var db = pg.AddDatabase("contactsdb");
        builder.AddProject("contacts", TestService.ProjectPath).WithReference(db).WaitFor(db);
        await using var app = builder.Build();

        await app.StartAsync();
        await app.WaitForAllHealthyAsync(StartTimeout);

        var dbHealthy = app.GetInstance("contactsdb").History.First(h => h.State == ResourceState.Healthy).At;
        var serviceStarting = app.GetInstance("contacts").History.First(h => h.State == ResourceState.Starting).At;
        Assert.True(serviceStarting >= dbHealthy, $"service started at {serviceStarting:O}, before its database was ready at {dbHealthy:O}");
        Assert.Equal("Postgres", await TestService.ReadConfigurationAsync(app.GetInstance("contacts"), "Database:Provider"));
        var port = app.GetInstance("pg").Ports["tcp"];
        Assert.Equal($"Host=127.0.0.1;Port={port};Database=contactsdb;Username=postgres",
            await TestService.ReadConfigurationAsync(app.GetInstance("contacts"), "ConnectionStrings:contactsdb"));
        var exists = await Launchers.PostgresLauncher.PsqlAsync(port, "SELECT 1 FROM pg_database WHERE datname = 'contactsdb'");
        Assert.Equal("1", exists.Trim());
    }

    [Fact]
    public async Task Grpc_health_check_makes_a_service_healthy_when_it_answers_SERVING()
    {
        using var state = new TestDirectory("grpchealth");
        var builder = TestService.CreateBuilder(state);
        builder.AddProject("campaigns", TestService.ProjectPath).WithGrpcHealthCheck();
        await using var app = builder.Build();

        await app.StartAsync();
        await app.WaitForAllHealthyAsync(StartTimeout);

        var url = new Uri(app.GetInstance("campaigns").EndpointUrls["grpc"]);
        Assert.True(await new Health.GrpcHealthProbe(url).IsHealthyAsync(CancellationToken.None));
        Assert.True(await new Health.GrpcHealthProbe(url, "lifecycle.campaigns.v1.Campaigns").IsHealthyAsync(CancellationToken.None));
    }
}
