using Lifecycle.Contacts.Snapshots;
using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Contacts.Tests.Snapshots;

/// <summary>
/// Once a watcher on a replica was told version V of a snapshot, a Get on that replica answers V or newer: a client
/// that follows the watch stream with a Get never sees time go backwards. Driven through the orderings that broke it
/// (watchers told before the Redis write, and a Redis write that failed), with the snapshot writes held or failed.
/// </summary>
[Collection(ContactsCollection.Name)]
public sealed class SnapshotReadAfterWatchTests(ContactsInfrastructure infrastructure)
{
    [Fact]
    public async Task While_a_new_version_is_being_written_to_redis_no_watcher_hears_of_it_before_a_get_returns_it()
    {
        var gate = default(SnapshotWriteGate);
        await using var host = await StartAsync(created => gate = created);
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        using var watch = host.Services.GetRequiredService<SnapshotWatchers>().Watch(contact.Id);

        gate!.Hold();
        var update = UpdateLocaleAsync(host, contact.Id, "fr");
        try
        {
            await gate.WriteHeld.WaitAsync(TimeSpan.FromSeconds(30));
            // Redis still holds the old version: whatever a watcher was told by now must already be what Get answers.
            while (watch.Reader.TryRead(out var told))
            {
                Assert.True(await GetVersionAsync(host, contact.Id) >= told.Version, $"told version {told.Version} while Get answered an older one");
            }
        }
        finally
        {
            gate.Release();
        }
        await update;

        var latest = await watch.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(contact.Version + 1, latest.Version);
        var snapshot = (await host.Snapshots.GetCustomerSnapshotAsync(new() { ContactId = contact.Id })).Snapshot;
        Assert.Equal(latest.Version, snapshot.Version);
        Assert.Equal("fr", snapshot.Locale);
    }

    [Fact]
    public async Task A_version_redis_did_not_take_is_read_from_the_database_until_the_repair_writes_it()
    {
        var gate = default(SnapshotWriteGate);
        await using var host = await StartAsync(created => gate = created);
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        using var watch = host.Services.GetRequiredService<SnapshotWatchers>().Watch(contact.Id);

        gate!.Failing = true;
        await UpdateLocaleAsync(host, contact.Id, "fr");
        var told = await watch.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        // Redis still holds the version before it; the watcher's version comes from the database.
        Assert.Equal(contact.Version + 1, told.Version);
        var snapshot = (await host.Snapshots.GetCustomerSnapshotAsync(new() { ContactId = contact.Id })).Snapshot;
        Assert.Equal(told.Version, snapshot.Version);
        Assert.Equal("fr", snapshot.Locale);
        var batch = await host.Snapshots.BatchGetCustomerSnapshotsAsync(new() { ContactIds = { contact.Id } });
        Assert.Equal(told.Version, batch.Snapshots.Single().Version);

        gate.Failing = false;
        await using var redis = await RedisConnection.ConnectAsync(infrastructure.Redis.ConnectionString);
        await Eventually.UntilAsync(async () => (await redis.GetDatabase().GetWithVersionAsync(SnapshotCache.Key(contact.Id)))?.Version,
            version => version == told.Version, "the repair pass to write the version Redis refused");
    }

    [Fact]
    public async Task A_watch_opened_while_redis_refuses_writes_sends_nothing_newer_than_a_get_then_answers()
    {
        var gate = default(SnapshotWriteGate);
        // A long local TTL: the copy must not go stale (and Get fall back to the database) while the test looks.
        await using var host = await StartAsync(created => gate = created, new Dictionary<string, string?> { ["Contacts:SnapshotLocalCacheTtl"] = "00:01:00" });
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        var id = contact.Id;
        // A Get keeps a copy on this replica; the refused write of the first update still updates it (to version + 1).
        await GetVersionAsync(host, id);
        gate!.Failing = true;
        await UpdateLocaleAsync(host, id, "fr");
        Assert.Equal(contact.Version + 1, await GetVersionAsync(host, id));

        // The second update is committed, but its snapshot write (and the repair pass's) waits: the copy here and
        // Redis are behind the database, which is where a Watch of a contact awaiting repair reads its first snapshot.
        gate.Hold();
        gate.Failing = false;
        var update = UpdateLocaleAsync(host, id, "de");
        try
        {
            await Eventually.UntilAsync(() => host.QueryAsync(db => db.Contacts.Where(c => c.Id == Guid.Parse(id)).Select(c => c.Version).SingleAsync()),
                version => version == contact.Version + 2, "the second update to commit");
            using var watch = host.Snapshots.WatchCustomerSnapshot(new() { ContactId = id });
            Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
            var told = watch.ResponseStream.Current.Snapshot.Version;

            Assert.Equal(contact.Version + 2, told);
            Assert.True(await GetVersionAsync(host, id) >= told, $"the watch sent version {told}, then Get answered an older one");
        }
        finally
        {
            gate.Release();
        }
        await update;
    }

    private Task<ContactsHost> StartAsync(Action<SnapshotWriteGate> created, IDictionary<string, string?>? settings = null) =>
        SnapshotWriteGate.StartHostAsync(infrastructure, created, settings);

    private static async Task UpdateLocaleAsync(ContactsHost host, string contactId, string locale) =>
        await host.Contacts.UpdateContactAsync(new() { Contact = new Contact { Id = contactId, Locale = locale }, UpdateMask = new() { Paths = { "locale" } } });

    private static async Task<long> GetVersionAsync(ContactsHost host, string contactId) =>
        (await host.Snapshots.GetCustomerSnapshotAsync(new() { ContactId = contactId })).Snapshot.Version;
}
