using Lifecycle.Testing;

namespace Lifecycle.Hosting.Tests;

public sealed class ConfigurationTests
{
    private static HostingOptions Read(params string[] args) =>
        HostingOptionsReader.Read(HostingOptionsReader.BuildConfiguration([.. args, "--repo-root", TestHosting.RepositoryRoot]));

    [Fact]
    public void Defaults_keep_state_under_the_repository_and_use_stable_ports()
    {
        var options = Read();
        var builder = DistributedApplication.CreateBuilder(options);
        builder.AddRedis("cache");
        builder.AddRabbitMQ("messaging");
        builder.AddProject("contacts", TestService.ProjectPath, port: 7101).WithReplicas(2);
        _ = builder.Build();

        Assert.Equal(Path.Combine(TestHosting.RepositoryRoot, ".lifecycle"), options.StateDirectory);
        Assert.False(options.UsePostgres);
        var resources = builder.Resources.ToDictionary(r => r.Name);
        Assert.Equal(7379, resources["cache"].Instances[0].Ports["tcp"]);
        Assert.Equal(7672, resources["messaging"].Instances[0].Ports["amqp"]);
        Assert.Equal(7101, resources["contacts"].Instances[0].Ports["grpc"]);
        Assert.Equal(7201, resources["contacts"].Instances[1].Ports["grpc"]);
    }

    [Fact]
    public void Flags_and_port_settings_override_the_defaults()
    {
        var options = Read("--postgres", "--fresh", "--port-base", "8100", "--Ports:cache", "9379", "--state-dir", "/tmp/elsewhere");
        var builder = DistributedApplication.CreateBuilder(options);
        builder.AddRedis("cache");
        builder.AddRabbitMQ("messaging");
        var databases = builder.AddDatabaseServer("pg");
        databases.AddDatabase("contactsdb");
        _ = builder.Build();

        Assert.True(options.UsePostgres);
        Assert.True(options.Fresh);
        Assert.Equal("/tmp/elsewhere", options.StateDirectory);
        Assert.IsType<PostgresServerResource>(databases.Resource);
        var resources = builder.Resources.ToDictionary(r => r.Name);
        Assert.Equal(9379, resources["cache"].Instances[0].Ports["tcp"]);
        Assert.Equal(8672, resources["messaging"].Instances[0].Ports["amqp"]);
        Assert.Equal(8432, resources["pg"].Instances[0].Ports["tcp"]);
        Assert.IsType<PostgresDatabaseResource>(resources["contactsdb"]);
    }

    [Fact]
    public void Free_ports_mode_gives_every_endpoint_a_distinct_port()
    {
        var builder = DistributedApplication.CreateBuilder(Read("--free-ports"));
        builder.AddRedis("cache");
        builder.AddRabbitMQ("messaging");
        builder.AddPostgres("pg");
        builder.AddProject("contacts", TestService.ProjectPath, port: 7101).WithReplicas(3);
        _ = builder.Build();

        var ports = builder.Resources.SelectMany(r => r.Instances).SelectMany(i => i.Ports.Values).ToList();
        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.DoesNotContain(7379, ports);
        Assert.DoesNotContain(7101, ports);
    }

    [Fact]
    public async Task Fresh_wipes_the_data_directory_before_starting()
    {
        using var state = new TestDirectory("fresh");
        var leftover = Path.Combine(state.Path, "data", "sqlite", "contactsdb.db");
        Directory.CreateDirectory(Path.GetDirectoryName(leftover)!);
        await File.WriteAllTextAsync(leftover, "old");
        var builder = DistributedApplication.CreateBuilder(new HostingOptions
        {
            RepositoryRoot = TestHosting.RepositoryRoot,
            StateDirectory = state.Path,
            Fresh = true,
            ConsoleOutput = false,
            Dashboard = false,
        });
        builder.AddSqlite("sqlite").AddDatabase("contactsdb");
        await using var app = builder.Build();

        await app.StartAsync();
        await app.WaitForAllHealthyAsync(TimeSpan.FromSeconds(30));

        Assert.False(File.Exists(leftover));
        Assert.True(Directory.Exists(Path.Combine(state.Path, "data", "sqlite")));
    }

    [Fact]
    public void Project_by_type_resolves_the_path_its_metadata_names()
    {
        var builder = DistributedApplication.CreateBuilder(Read("--free-ports"));

        var project = builder.AddProject<TestServiceProject>("contacts");

        Assert.Equal(Path.Combine(TestHosting.RepositoryRoot, TestService.ProjectPath), project.Resource.ProjectPath);
    }

    [Fact]
    public void Resource_names_must_be_usable_as_environment_keys_and_file_names()
    {
        var builder = DistributedApplication.CreateBuilder(Read("--free-ports"));

        Assert.Throws<ArgumentException>(() => builder.AddRedis("My Cache"));
        builder.AddRedis("cache");
        Assert.Throws<ArgumentException>(() => builder.AddRedis("cache"));
    }

    private sealed class TestServiceProject : IProjectMetadata
    {
        public string ProjectPath => Path.Combine(TestHosting.RepositoryRoot, TestService.ProjectPath);
    }
}
