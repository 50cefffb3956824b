using Grpc.Core;
using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Redis;

namespace Lifecycle.Contacts.Tests.Snapshots;

[Collection(ContactsCollection.Name)]
public sealed class SnapshotTests(ContactsInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_paid_order_shows_as_purchase_in_the_snapshot_a_watcher_sees_every_version_and_redis_holds_the_newest(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        using var watch = host.Snapshots.WatchCustomerSnapshot(new() { ContactId = contact.Id });
        var seen = new List<CustomerSnapshot>();
        var watching = Task.Run(async () =>
        {
            while (await watch.ResponseStream.MoveNext(CancellationToken.None))
            {
                seen.Add(watch.ResponseStream.Current.Snapshot);
                if (watch.ResponseStream.Current.Snapshot.Stage == "purchase")
                {
                    return;
                }
            }
        });

        await host.Contacts.UpdateContactAsync(new() { Contact = new Contact { Id = contact.Id, Locale = "fr" }, UpdateMask = new() { Paths = { "locale" } } });
        await host.PublishAsync(OrderEvents.Paid(contact.Id, 1234, "order-77"));
        await watching.WaitAsync(TimeSpan.FromSeconds(30));

        var snapshot = (await host.Snapshots.GetCustomerSnapshotAsync(new() { ContactId = contact.Id })).Snapshot;
        Assert.Equal("purchase", snapshot.Stage);
        Assert.Equal("order-77", snapshot.LastOrder.OrderId);
        Assert.Equal(1234, snapshot.Value.RevenueMinor);
        Assert.Equal("fr", snapshot.Locale);
        Assert.Equal(seen.Select(s => s.Version).Order().Distinct(), seen.Select(s => s.Version));
        Assert.Equal(snapshot.Version, seen[^1].Version);
        await using var redis = await RedisConnection.ConnectAsync(infrastructure.Redis.ConnectionString);
        Assert.Equal(snapshot.Version, (await redis.GetDatabase().GetWithVersionAsync($"snapshot:{contact.Id}"))?.Version);
    }

    [Fact]
    public async Task Killing_redis_during_a_read_load_fails_no_call_and_the_cache_is_repopulated_after_it_returns()
    {
        await using var redisServer = new DisposableRedis();
        await redisServer.StartAsync();
        await using var host = await ContactsHost.StartAsync(infrastructure, "Sqlite",
            settings: new Dictionary<string, string?> { ["ConnectionStrings:cache"] = redisServer.ConnectionString });
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact.Id);
        }
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var reads = 0;
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var snapshot = (await host.Snapshots.GetCustomerSnapshotAsync(new() { ContactId = ids[reads % ids.Count] })).Snapshot;
                    Assert.Equal("awareness", snapshot.Stage);
                    Interlocked.Increment(ref reads);
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToList();

        await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref reads)), r => r > 50, "reads before the kill");
        await redisServer.KillAsync();
        var atKill = Volatile.Read(ref reads);
        await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref reads)), r => r > atKill + 200, "reads while Redis is down");
        await redisServer.StartAsync();
        await using var redis = await RedisConnection.ConnectAsync(redisServer.ConnectionString);
        await Eventually.UntilAsync(() => redis.GetDatabase().KeyExistsAsync(ids.Select(id => (RedisKey)$"snapshot:{id}").ToArray()), n => n == ids.Count, "the cache to be repopulated");
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Equal(0, failures);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_last_order_is_the_most_recently_updated_one_whatever_order_the_events_arrive_in(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        var now = DateTimeOffset.UtcNow;

        await host.PublishAsync(OrderEvents.Paid(contact.Id, 100, "order-older") with { OccurredAt = now.AddHours(-2) });
        await host.PublishAsync(OrderEvents.Paid(contact.Id, 200, "order-newest") with { OccurredAt = now.AddHours(-1) });
        // Arrives last but happened first: the snapshot's last order stays the newest one.
        await host.PublishAsync(OrderEvents.Paid(contact.Id, 400, "order-oldest") with { OccurredAt = now.AddHours(-3) });

        var snapshot = await Eventually.UntilAsync(async () => (await host.Snapshots.GetCustomerSnapshotAsync(new() { ContactId = contact.Id })).Snapshot,
            s => s.Value.OrderCount == 3, "all three payments in the snapshot", timeoutSeconds: 20);
        Assert.Equal("order-newest", snapshot.LastOrder.OrderId);
        Assert.Equal(200, snapshot.LastOrder.TotalMinor);
        Assert.Equal(700, snapshot.Value.RevenueMinor);
    }

    [Fact]
    public async Task Batch_get_returns_known_contacts_in_request_order_from_the_local_copy_redis_and_the_database_and_without_redis()
    {
        await using var redisServer = new DisposableRedis();
        await redisServer.StartAsync();
        await using var host = await ContactsHost.StartAsync(infrastructure, "Sqlite",
            settings: new Dictionary<string, string?> { ["ConnectionStrings:cache"] = redisServer.ConnectionString });
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact.Id);
        }
        // ids[0] is in this replica's copy (read once), ids[1] only in Redis, ids[2] only in the database.
        await host.Snapshots.GetCustomerSnapshotAsync(new() { ContactId = ids[0] });
        await using (var redis = await RedisConnection.ConnectAsync(redisServer.ConnectionString))
        {
            await redis.GetDatabase().KeyDeleteAsync($"snapshot:{ids[2]}");
        }
        var unknown = Guid.NewGuid().ToString();
        var request = new BatchGetCustomerSnapshotsRequest { ContactIds = { ids[2], unknown, ids[0], ids[1] } };

        var batch = await host.Snapshots.BatchGetCustomerSnapshotsAsync(request);

        Assert.Equal([ids[2], ids[0], ids[1]], batch.Snapshots.Select(s => s.ContactId));
        Assert.All(batch.Snapshots, s => Assert.Equal("awareness", s.Stage));
        await using (var redis = await RedisConnection.ConnectAsync(redisServer.ConnectionString))
        {
            Assert.True(await redis.GetDatabase().KeyExistsAsync($"snapshot:{ids[2]}"), "a miss is written through");
        }

        await redisServer.KillAsync();
        var withoutRedis = await host.Snapshots.BatchGetCustomerSnapshotsAsync(request);
        Assert.Equal([ids[2], ids[0], ids[1]], withoutRedis.Snapshots.Select(s => s.ContactId));
    }
}
