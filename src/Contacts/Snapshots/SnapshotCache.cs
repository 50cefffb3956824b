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

    public static string Key(string contactId) => $"snapshot:{contactId}";

    public async Task<CustomerSnapshot?> GetAsync(string contactId)
    {
        var stored = await redis.GetWithVersionAsync(Key(contactId));
        return stored is { } value ? CustomerSnapshot.Parser.ParseFrom((byte[])value.Value!) : null;
    }

    /// <summary>Stores the snapshot if it is newer than the cached one and then announces it; true when stored.</summary>
    public async Task<bool> WriteAsync(CustomerSnapshot snapshot)
    {
        var bytes = snapshot.ToByteArray();
        if (!await redis.SetIfNewerVersionAsync(Key(snapshot.ContactId), snapshot.Version, bytes, options.Value.SnapshotTtl))
        {
            return false;
        }
        await redis.PublishAsync(RedisChannel.Literal(ChangedChannel), bytes);
        return true;
    }
}
