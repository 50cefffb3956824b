using Lifecycle.Contacts.Snapshots;
using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Redis;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Contacts.Tests.Snapshots;

/// <summary>
/// The service's real Redis connection with a hand on its snapshot writes (<see cref="SnapshotCache"/>'s script on a
/// "snapshot:" key): a test can hold them, to see what the service does while one is under way, or fail them, as an
/// unreachable Redis would. Every other command, snapshot reads included, goes straight through.
/// </summary>
public sealed class SnapshotWriteGate(IRedisDatabase redis) : IRedisDatabase
{
    private readonly TaskCompletionSource writeHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? release;
    private volatile bool failing;

    /// <summary>Completes when a snapshot write reaches Redis while <see cref="Hold"/> is in force.</summary>
    public Task WriteHeld => writeHeld.Task;

    /// <summary>A host on SQLite whose Redis connection is a gate, handed to <paramref name="created"/> when the host builds it.</summary>
    public static Task<ContactsHost> StartHostAsync(ContactsInfrastructure infrastructure, Action<SnapshotWriteGate> created, IDictionary<string, string?>? settings = null) =>
        ContactsHost.StartAsync(infrastructure, "Sqlite", settings: settings, configure: builder => builder.Services.AddSingleton<IRedisDatabase>(provider =>
        {
            var gate = new SnapshotWriteGate(provider.GetRequiredService<RedisConnection>().GetDatabase());
            created(gate);
            return gate;
        }));

    /// <summary>Snapshot writes wait from now until <see cref="Release"/>.</summary>
    public void Hold() => Volatile.Write(ref release, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Release() => Interlocked.Exchange(ref release, null)?.TrySetResult();

    /// <summary>Snapshot writes throw <see cref="RedisException"/> while set.</summary>
    public bool Failing { get => failing; set => failing = value; }

    public async Task<RedisResult> ScriptEvaluateAsync(string script, RedisKey[]? keys = null, RedisValue[]? values = null)
    {
        if (keys is [var key] && key.ToString().StartsWith("snapshot:", StringComparison.Ordinal))
        {
            if (failing)
            {
                throw new RedisException("snapshot writes are failed by the test");
            }
            if (Volatile.Read(ref release) is { } held)
            {
                writeHeld.TrySetResult();
                await held.Task;
            }
        }
        return await redis.ScriptEvaluateAsync(script, keys, values);
    }

    public Task<RedisValue> StringGetAsync(RedisKey key) => redis.StringGetAsync(key);

    public Task<RedisValue[]> StringGetAsync(RedisKey[] keys) => redis.StringGetAsync(keys);

    public Task<bool> StringSetAsync(RedisKey key, RedisValue value, TimeSpan? expiry = null, When when = When.Always) => redis.StringSetAsync(key, value, expiry, when);

    public Task<long> StringIncrementAsync(RedisKey key, long value = 1) => redis.StringIncrementAsync(key, value);

    public Task<bool> KeyDeleteAsync(RedisKey key) => redis.KeyDeleteAsync(key);

    public Task<long> KeyDeleteAsync(RedisKey[] keys) => redis.KeyDeleteAsync(keys);

    public Task<bool> KeyExistsAsync(RedisKey key) => redis.KeyExistsAsync(key);

    public Task<long> KeyExistsAsync(RedisKey[] keys) => redis.KeyExistsAsync(keys);

    public Task<bool> KeyExpireAsync(RedisKey key, TimeSpan expiry) => redis.KeyExpireAsync(key, expiry);

    public Task<TimeSpan?> KeyTimeToLiveAsync(RedisKey key) => redis.KeyTimeToLiveAsync(key);

    public Task<bool> HashSetAsync(RedisKey key, RedisValue field, RedisValue value) => redis.HashSetAsync(key, field, value);

    public Task HashSetAsync(RedisKey key, HashEntry[] fields) => redis.HashSetAsync(key, fields);

    public Task<RedisValue> HashGetAsync(RedisKey key, RedisValue field) => redis.HashGetAsync(key, field);

    public Task<RedisValue[]> HashGetAsync(RedisKey key, RedisValue[] fields) => redis.HashGetAsync(key, fields);

    public Task<HashEntry[]> HashGetAllAsync(RedisKey key) => redis.HashGetAllAsync(key);

    public Task<long> PublishAsync(RedisChannel channel, RedisValue message) => redis.PublishAsync(channel, message);

    public Task<TimeSpan> PingAsync() => redis.PingAsync();

    public Task<RedisResult> ExecuteAsync(string command, params RedisValue[] args) => redis.ExecuteAsync(command, args);
}
