using Lifecycle.Hosting.Health;
using Lifecycle.Hosting.Launchers;
using Lifecycle.Hosting.Processes;

namespace Lifecycle.Testing;

/// <summary>A real redis-server for one test class; ConnectionString is "127.0.0.1:port".</summary>
public sealed class RedisServerFixture() : ServerFixture("redis")
{
    public override int Port { get; } = FreePort.Next();

    public override string ConnectionString => $"127.0.0.1:{Port}";

    protected override Task<ProcessLaunch> PrepareAsync() => Task.FromResult(RedisLauncher.Create(Port, Directory.Path));

    protected override IHealthProbe Probe() => new RedisPingProbe(Port);
}
