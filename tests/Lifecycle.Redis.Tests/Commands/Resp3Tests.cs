using Lifecycle.Redis.Tests.Infrastructure;

namespace Lifecycle.Redis.Tests.Commands;

public sealed class Resp3Tests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Resp3_connection_with_auth_select_and_name_reads_maps_nulls_and_doubles()
    {
        await using var connection = await RedisConnection.ConnectAsync(
            $"{fixture.Server.ConnectionString},protocol=resp3,defaultDatabase=3,name=resp3-test,user=default,password=unused");
        var db = connection.GetDatabase();

        await db.HashSetAsync("r3", [new("a", "1"), new("b", new byte[] { 0, 255 })]);
        var all = (await db.HashGetAllAsync("r3")).ToDictionary(e => e.Name.ToString()!, e => (byte[]?)e.Value);
        var missing = await db.StringGetAsync("r3-missing");
        var score = await db.ExecuteAsync("ZINCRBY", "r3-z", "1.5", "m");
        var name = await db.ExecuteAsync("CLIENT", "GETNAME");
        var selected = await fixture.Database.KeyExistsAsync("r3"); // the fixture uses db 0: the key must not be there

        Assert.Equal([0, 255], all["b"]);
        Assert.Equal("1"u8.ToArray(), all["a"]);
        Assert.True(missing.IsNull);
        Assert.Equal(RedisResultType.Double, score.Type);
        Assert.Equal("1.5", score.ToString());
        Assert.Equal("resp3-test", name.ToString());
        Assert.False(selected);
    }

    [Fact]
    public async Task Resp3_push_frames_between_replies_are_not_mistaken_for_replies()
    {
        await using var connection = await RedisConnection.ConnectAsync($"{fixture.Server.ConnectionString},protocol=resp3");
        var db = connection.GetDatabase();
        await db.StringSetAsync("tracked", "v1");
        await db.ExecuteAsync("CLIENT", "TRACKING", "ON");
        await db.StringGetAsync("tracked"); // now tracked: a change elsewhere makes the server push "invalidate" to us

        await fixture.Database.StringSetAsync("tracked", "v2");

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal($"n{i}", (string?)await db.ExecuteAsync("ECHO", $"n{i}"));
        }

        Assert.Equal("v2", (string?)await db.StringGetAsync("tracked"));
    }
}
