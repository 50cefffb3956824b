using Lifecycle.Redis.Tests.Infrastructure;

namespace Lifecycle.Redis.Tests.Commands;

public sealed class VersionedWriteTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private readonly IRedisDatabase _db = fixture.Database;

    [Fact]
    public async Task Older_or_equal_version_never_overwrites_a_newer_one()
    {
        Assert.True(await _db.SetIfNewerVersionAsync("snapshot:1", 5, new byte[] { 5 }));
        Assert.False(await _db.SetIfNewerVersionAsync("snapshot:1", 4, new byte[] { 4 }));
        Assert.False(await _db.SetIfNewerVersionAsync("snapshot:1", 5, new byte[] { 55 }));
        Assert.True(await _db.SetIfNewerVersionAsync("snapshot:1", 10, new byte[] { 10 }));

        var stored = await _db.GetWithVersionAsync("snapshot:1");

        Assert.Equal(10, stored!.Value.Version);
        Assert.Equal([10], (byte[]?)stored.Value.Value);
    }

    [Fact]
    public async Task Versions_beyond_double_precision_are_compared_exactly()
    {
        const long big = (1L << 53) + 1;
        await _db.SetIfNewerVersionAsync("snapshot:big", big, "a");

        Assert.True(await _db.SetIfNewerVersionAsync("snapshot:big", big + 1, "b"));
        Assert.False(await _db.SetIfNewerVersionAsync("snapshot:big", big, "c"));
        Assert.Equal(big + 1, (await _db.GetWithVersionAsync("snapshot:big"))!.Value.Version);
    }

    [Fact]
    public async Task Versioned_write_sets_the_ttl_and_a_missing_key_reads_as_null()
    {
        await _db.SetIfNewerVersionAsync("snapshot:ttl", 1, Array.Empty<byte>(), TimeSpan.FromSeconds(60));

        Assert.InRange((await _db.KeyTimeToLiveAsync("snapshot:ttl"))!.Value.TotalSeconds, 55, 60);
        Assert.True((await _db.GetWithVersionAsync("snapshot:ttl"))!.Value.Value.IsEmpty);
        Assert.Null(await _db.GetWithVersionAsync("snapshot:none"));
    }

    [Fact]
    public async Task Concurrent_writers_leave_the_highest_version()
    {
        var writes = Enumerable.Range(1, 200).Reverse().Select(v => _db.SetIfNewerVersionAsync("snapshot:race", v, $"value-{v}"));
        await Task.WhenAll(writes);

        var stored = await _db.GetWithVersionAsync("snapshot:race");

        Assert.Equal(200, stored!.Value.Version);
        Assert.Equal("value-200", (string?)stored.Value.Value);
    }
}
