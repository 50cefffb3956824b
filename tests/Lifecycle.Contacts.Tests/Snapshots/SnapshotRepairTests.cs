using Lifecycle.Contacts.Snapshots;
using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Contacts.Tests.Snapshots;

/// <summary>The repair pass that retries snapshot writes Redis refused, with those writes failed through <see cref="SnapshotWriteGate"/>.</summary>
[Collection(ContactsCollection.Name)]
public sealed class SnapshotRepairTests(ContactsInfrastructure infrastructure)
{
    [Fact]
    public async Task A_contact_that_cannot_be_rebuilt_does_not_keep_the_other_marked_contacts_on_the_database()
    {
        var gate = default(SnapshotWriteGate);
        await using var host = await SnapshotWriteGate.StartHostAsync(infrastructure, created => gate = created);
        var broken = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        var healthy = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        var refresher = host.Services.GetRequiredService<SnapshotRefresher>();

        gate!.Failing = true;
        await UpdateLocaleAsync(host, broken.Id, "fr");
        await UpdateLocaleAsync(host, healthy.Id, "fr");
        Assert.True(refresher.NeedsRepair(Guid.Parse(healthy.Id)));
        // A row the snapshot builder cannot read (a stage_since that is no date): every rebuild that includes it throws.
        var brokenId = Guid.Parse(broken.Id);
        await host.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE contacts SET stage_since = 'not a date' WHERE id = {brokenId}"));
        gate.Failing = false;

        await Eventually.UntilAsync(() => Task.FromResult(refresher.NeedsRepair(Guid.Parse(healthy.Id))), needs => !needs,
            "the repair pass to write the healthy contact");
        await using var redis = await RedisConnection.ConnectAsync(infrastructure.Redis.ConnectionString);
        Assert.Equal(healthy.Version + 1, (await redis.GetDatabase().GetWithVersionAsync(SnapshotCache.Key(healthy.Id)))?.Version);
        Assert.True(refresher.NeedsRepair(brokenId));
    }

    private static async Task UpdateLocaleAsync(ContactsHost host, string contactId, string locale) =>
        await host.Contacts.UpdateContactAsync(new() { Contact = new Contact { Id = contactId, Locale = locale }, UpdateMask = new() { Paths = { "locale" } } });
}
