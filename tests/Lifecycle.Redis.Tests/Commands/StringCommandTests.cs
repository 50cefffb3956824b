using Lifecycle.Redis.Tests.Infrastructure;

namespace Lifecycle.Redis.Tests.Commands;

public sealed class StringCommandTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private readonly IRedisDatabase _db = fixture.Database;

    private static byte[] BinaryKey(string name) => [0x00, 0xFF, 0x0D, 0x0A, .. System.Text.Encoding.UTF8.GetBytes(name), 0x24, 0x2A];

    private static byte[] AllByteValues() => [.. Enumerable.Range(0, 256).Select(i => (byte)i), (byte)'\r', (byte)'\n'];

    [Fact]
    public async Task Get_returns_what_set_stored_for_binary_key_and_value()
    {
        var key = BinaryKey("get-set");
        Assert.True(await _db.StringSetAsync(key, AllByteValues()));

        var value = await _db.StringGetAsync(key);

        Assert.Equal(AllByteValues(), (byte[]?)value);
    }

    [Fact]
    public async Task Get_of_missing_key_is_null_and_empty_value_is_empty_not_null()
    {
        await _db.StringSetAsync("empty-value", Array.Empty<byte>());

        var missing = await _db.StringGetAsync("never-written");
        var empty = await _db.StringGetAsync("empty-value");

        Assert.True(missing.IsNull);
        Assert.False(empty.IsNull);
        Assert.True(empty.IsEmpty);
    }

    [Fact]
    public async Task Sixteen_MiB_value_round_trips_intact()
    {
        var big = new byte[16 * 1024 * 1024];
        new Random(42).NextBytes(big);

        await _db.StringSetAsync("big-value", big);
        var back = (byte[]?)await _db.StringGetAsync("big-value");

        Assert.Equal(big.Length, back!.Length);
        Assert.True(big.AsSpan().SequenceEqual(back));
    }

    [Fact]
    public async Task Set_with_NX_writes_only_when_missing_and_XX_only_when_present()
    {
        var key = BinaryKey("nx-xx");

        Assert.False(await _db.StringSetAsync(key, "x", when: When.Exists));
        Assert.True(await _db.StringSetAsync(key, "first", when: When.NotExists));
        Assert.False(await _db.StringSetAsync(key, "second", when: When.NotExists));
        Assert.True(await _db.StringSetAsync(key, "third", when: When.Exists));
        Assert.Equal("third", (string?)await _db.StringGetAsync(key));
    }

    [Fact]
    public async Task Set_with_EX_and_PX_sets_the_expiry()
    {
        await _db.StringSetAsync("ex-key", "v", TimeSpan.FromSeconds(100));
        await _db.StringSetAsync("px-key", "v", TimeSpan.FromMilliseconds(50_500), When.Always);

        var ex = await _db.KeyTimeToLiveAsync("ex-key");
        var px = await _db.KeyTimeToLiveAsync("px-key");

        Assert.InRange(ex!.Value.TotalSeconds, 95, 100);
        Assert.InRange(px!.Value.TotalMilliseconds, 45_000, 50_500);
    }

    [Fact]
    public async Task Mget_returns_values_in_key_order_with_null_for_missing()
    {
        await _db.StringSetAsync(BinaryKey("m1"), "one");
        await _db.StringSetAsync(BinaryKey("m3"), Array.Empty<byte>());

        var values = await _db.StringGetAsync([BinaryKey("m1"), BinaryKey("m2"), BinaryKey("m3")]);

        Assert.Equal("one", (string?)values[0]);
        Assert.True(values[1].IsNull);
        Assert.True(values[2].IsEmpty);
    }

    [Fact]
    public async Task Incr_and_incrby_return_the_new_value()
    {
        var key = BinaryKey("counter");

        Assert.Equal(1, await _db.StringIncrementAsync(key));
        Assert.Equal(11, await _db.StringIncrementAsync(key, 10));
        Assert.Equal(-89, await _db.StringIncrementAsync(key, -100));
    }

    [Fact]
    public async Task Incr_on_a_non_integer_fails_with_the_server_error()
    {
        await _db.StringSetAsync("not-a-number", "abc");

        var error = await Assert.ThrowsAsync<RedisServerException>(() => _db.StringIncrementAsync("not-a-number"));

        Assert.Contains("not an integer", error.Message, StringComparison.Ordinal);
    }
}
