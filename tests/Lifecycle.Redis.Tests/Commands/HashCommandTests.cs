using Lifecycle.Redis.Tests.Infrastructure;

namespace Lifecycle.Redis.Tests.Commands;

public sealed class HashCommandTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private readonly IRedisDatabase _db = fixture.Database;

    [Fact]
    public async Task Hset_hget_hgetall_round_trip_binary_fields_and_values()
    {
        byte[] key = [9, 0, 9];
        byte[] field = [0, 255, 13, 10];
        byte[] value = [255, 0, 1];

        Assert.True(await _db.HashSetAsync(key, field, value));
        Assert.False(await _db.HashSetAsync(key, field, value));
        await _db.HashSetAsync(key, [new("text", "hello"), new("empty", Array.Empty<byte>())]);

        Assert.Equal(value, (byte[]?)await _db.HashGetAsync(key, field));
        Assert.True((await _db.HashGetAsync(key, "missing")).IsNull);
        var all = (await _db.HashGetAllAsync(key)).ToDictionary(e => e.Name.ToString()!, e => e.Value);
        Assert.Equal(3, all.Count);
        Assert.Equal("hello", (string?)all["text"]);
        Assert.True(all["empty"].IsEmpty);
        Assert.Empty(await _db.HashGetAllAsync("no-such-hash"));
    }

    [Fact]
    public async Task Hmget_returns_each_field_in_order()
    {
        await _db.HashSetAsync("hm", [new("a", "1"), new("c", "3")]);

        var values = await _db.HashGetAsync("hm", ["a", "b", "c"]);

        Assert.Equal(["1", null, "3"], values.Select(v => v.ToString()));
    }
}
