using Lifecycle.Contacts.Tests.Infrastructure;

namespace Lifecycle.Contacts.Tests.Snapshots;

/// <summary>Each replica's local copy of hot snapshots follows every replica's changes through the Redis announcements.</summary>
[Collection(ContactsCollection.Name)]
public sealed class SnapshotLocalCacheTests(ContactsInfrastructure infrastructure)
{
    [Fact]
    public async Task A_replica_answering_from_its_local_copy_shows_another_replicas_change_once_announced()
    {
        var (connectionString, directory) = await ContactsHost.NewDatabaseAsync(infrastructure, "Sqlite");
        using var database = directory;
        // A local copy that outlives the test: only the announcement can bring the change to the reading replica in time.
        var settings = new Dictionary<string, string?> { ["Contacts:SnapshotLocalCacheTtl"] = "00:01:00" };
        await using var writer = await ContactsHost.StartAsync(infrastructure, "Sqlite", settings: settings, connectionString: connectionString);
        await using var reader = await ContactsHost.StartAsync(infrastructure, "Sqlite", settings: settings, connectionString: connectionString);
        var contact = (await writer.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        Assert.Equal("en-GB", (await reader.Snapshots.GetCustomerSnapshotAsync(new() { ContactId = contact.Id })).Snapshot.Locale);
        Assert.Equal("en-GB", (await reader.Snapshots.GetCustomerSnapshotAsync(new() { ContactId = contact.Id })).Snapshot.Locale);

        await writer.Contacts.UpdateContactAsync(new() { Contact = new() { Id = contact.Id, Locale = "fr" }, UpdateMask = new() { Paths = { "locale" } } });

        var seen = await Eventually.UntilAsync(async () => (await reader.Snapshots.GetCustomerSnapshotAsync(new() { ContactId = contact.Id })).Snapshot,
            s => s.Locale == "fr", "the reading replica to show the other replica's change", timeoutSeconds: 20);
        Assert.Equal(contact.Version + 1, seen.Version);
    }
}
