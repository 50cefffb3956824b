using System.Diagnostics;
using Lifecycle.Redis.Tests.Infrastructure;

namespace Lifecycle.Redis.Tests.Resilience;

public sealed class ConnectFailureTests
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromMilliseconds(700);
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Wrong_password_fails_with_a_clear_authentication_error()
    {
        await using var server = await RedisServer.StartAsync(password: "right-secret");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() =>
            RedisConnection.ConnectAsync($"127.0.0.1:{server.Port},password=wrong-secret,connectTimeout={ConnectTimeout.TotalMilliseconds}"));

        Assert.Contains("rejected authentication", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < ConnectTimeout + Slack);
    }

    [Fact]
    public async Task Right_password_connects()
    {
        await using var server = await RedisServer.StartAsync(password: "right-secret");
        await using var connection = await RedisConnection.ConnectAsync(server.ConnectionString);

        Assert.True(await connection.GetDatabase().StringSetAsync("k", "v"));
    }

    [Fact]
    public async Task Unreachable_port_fails_with_a_connection_error()
    {
        var port = FreePort.Next();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() =>
            RedisConnection.ConnectAsync($"127.0.0.1:{port},connectTimeout={ConnectTimeout.TotalMilliseconds}"));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < ConnectTimeout + Slack);
    }

    [Fact]
    public async Task Server_that_accepts_but_never_answers_fails_within_the_connect_timeout()
    {
        await using var silent = new SilentServer();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() =>
            RedisConnection.ConnectAsync($"127.0.0.1:{silent.Port},connectTimeout={ConnectTimeout.TotalMilliseconds}"));

        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, ConnectTimeout - TimeSpan.FromMilliseconds(50), ConnectTimeout + Slack);
    }

    [Fact]
    public async Task Background_connection_fails_calls_fast_until_the_server_appears()
    {
        var port = FreePort.Next();
        await using var connection = RedisConnection.Create(RedisConnectionOptions.Parse($"127.0.0.1:{port}") with
        {
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(100),
        });

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => connection.GetDatabase().StringGetAsync("k"));
        Assert.Contains("reconnecting", error.Message, StringComparison.Ordinal);
        Assert.False(connection.IsConnected);
    }
}
