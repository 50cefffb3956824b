using Google.Protobuf;
using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Redis;
using Microsoft.Extensions.Options;

namespace Lifecycle.Contacts.Snapshots;

/// <summary>
/// Snapshots in Redis: "snapshot:{id}" holds protobuf bytes under a version (an older version never overwrites a
/// newer one), and every stored version is announced on the "snapshot-changed" channel for watchers on any replica.
/// Every method throws <see cref="RedisException"/> when Redis is unavailable; callers decide the fallback.
/// </summary>
public sealed class SnapshotCache(IRedisDatabase redis, IOptions<ContactsOptions> options)
{
    public const string ChangedChannel = "snapshot-changed";

    // The layout of Lifecycle.Redis's versioned values (hash fields v and d, versions compared as canonical decimal
    // strings so versions above 2^53 stay exact), with the announcement in the same script: one round trip per write
    // instead of two, and no announcement of a version that was not stored.
    private const string WriteScript = """
        local current = redis.call('HGET', KEYS[1], 'v')
        local incoming = ARGV[1]
        if current and (#current > #incoming or (#current == #incoming and current >= incoming)) then
          return 0
        end
        redis.call('HSET', KEYS[1], 'v', incoming, 'd', ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        redis.call('PUBLISH', ARGV[4], ARGV[2])
        return 1
        """;

    private static readonly RedisValue DataField = "d";

    public static string Key(string contactId) => $"snapshot:{contactId}";

    public async Task<CustomerSnapshot?> GetAsync(string contactId)
    {
        // Only the data field: the snapshot carries its version inside.
        var stored = await redis.HashGetAsync(Key(contactId), DataField);
        return stored.IsNull ? null : CustomerSnapshot.Parser.ParseFrom((byte[])stored!);
    }

    /// <summary>Stores the snapshot if it is newer than the cached one and announces it, atomically; true when stored.</summary>
    public async Task<bool> WriteAsync(CustomerSnapshot snapshot)
    {
        var ttlMs = Math.Max(1, (long)Math.Ceiling(options.Value.SnapshotTtl.TotalMilliseconds));
        var stored = await redis.ScriptEvaluateAsync(WriteScript, [Key(snapshot.ContactId)],
            [snapshot.Version, snapshot.ToByteArray(), ttlMs, ChangedChannel]);
        return stored.AsInt64() == 1;
    }
}
