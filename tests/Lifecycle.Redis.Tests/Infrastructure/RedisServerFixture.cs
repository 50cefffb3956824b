namespace Lifecycle.Redis.Tests.Infrastructure;

/// <summary>One redis-server and one connected client shared by the tests of a class.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public RedisConnection Connection { get; private set; } = null!;

    public IRedisDatabase Database => Connection.GetDatabase();

    public async Task InitializeAsync()
    {
        Server = await RedisServer.StartAsync();
        Connection = await RedisConnection.ConnectAsync(Server.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Connection.DisposeAsync();
        await Server.DisposeAsync();
    }
}
