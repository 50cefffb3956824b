using Lifecycle.Hosting.Health;
using Lifecycle.Hosting.Processes;
using Lifecycle.Testing;

namespace Lifecycle.Hosting.Tests;

public sealed class InfrastructureFixtureTests
{
    [Fact]
    public async Task Redis_fixture_answers_ping_and_leaves_no_process_or_port_after_dispose()
    {
        var redis = new RedisServerFixture();
        await redis.InitializeAsync();
        var group = redis.Group;

        Assert.True(await new RedisPingProbe(redis.Port).IsHealthyAsync(CancellationToken.None));
        Assert.Equal($"127.0.0.1:{redis.Port}", redis.ConnectionString);

        await redis.DisposeAsync();
        Assert.False(group.IsAlive);
        Assert.True(FreePort.IsFree(redis.Port));
    }

    [Fact]
    public async Task Postgres_fixture_creates_databases_that_the_server_lists()
    {
        await using var postgres = new AsyncFixture<PostgresFixture>(new PostgresFixture());
        await postgres.Value.InitializeAsync();

        var connectionString = await postgres.Value.CreateDatabaseAsync("ordersdb");
        await postgres.Value.CreateDatabaseAsync("ordersdb"); // idempotent

        Assert.Contains("Database=ordersdb", connectionString, StringComparison.Ordinal);
        var found = await postgres.Value.QueryAsync("SELECT count(*) FROM pg_database WHERE datname = 'ordersdb'");
        Assert.Equal("1", found.Trim());
    }

    [Fact]
    public async Task A_server_left_by_a_killed_test_process_is_stopped_by_the_next_fixture_start()
    {
        // What a test host killed mid-run leaves: a server in its own group, recorded with a dead owner.
        await using var orphan = ManagedProcess.Start(new ProcessLaunch("/bin/sleep", ["300"]), (_, _) => { });
        var ledger = Path.Combine(Path.GetTempPath(), "lifecycle-fixtures");
        Directory.CreateDirectory(ledger);
        var deadOwner = new Orchestration.RecordedProcess(int.MaxValue - 1, 1);
        var entry = Path.Combine(ledger, $"orphan-{orphan.Pid}.json");
        await File.WriteAllTextAsync(entry, System.Text.Json.JsonSerializer.Serialize(
            new Orchestration.RunState(deadOwner, new() { ["redis"] = new(orphan.Pid, orphan.StartTime) })));

        await using var redis = new AsyncFixture<RedisServerFixture>(new RedisServerFixture());
        await redis.Value.InitializeAsync();

        Assert.Equal(128 + Libc.SIGTERM, await orphan.Exited.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(File.Exists(entry));
    }

    [Fact]
    public async Task Probes_report_unhealthy_on_a_port_nobody_listens_on()
    {
        var port = FreePort.Next();

        Assert.False(await new RedisPingProbe(port).IsHealthyAsync(CancellationToken.None));
        Assert.False(await new AmqpHandshakeProbe(port).IsHealthyAsync(CancellationToken.None));
        Assert.False(await new PostgresReadyProbe(port).IsHealthyAsync(CancellationToken.None));
        Assert.False(await new GrpcHealthProbe(new Uri($"http://127.0.0.1:{port}")).IsHealthyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Probes_do_not_mistake_another_protocol_for_theirs()
    {
        await using var redis = new AsyncFixture<RedisServerFixture>(new RedisServerFixture());
        await redis.Value.InitializeAsync();

        Assert.False(await new AmqpHandshakeProbe(redis.Value.Port).IsHealthyAsync(CancellationToken.None));
        Assert.False(await new PostgresReadyProbe(redis.Value.Port).IsHealthyAsync(CancellationToken.None));
    }
}
