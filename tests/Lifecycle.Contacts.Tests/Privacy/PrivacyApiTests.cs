using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Tests.Privacy;

[Collection(ContactsCollection.Name)]
public sealed class PrivacyApiTests(ContactsInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Export_contains_profile_consents_interactions_history_and_orders(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        await RecordAsync(host, contact.Id, "/pricing");
        await host.PublishAsync(OrderEvents.Paid(contact.Id, amountMinor: 1500, orderId: $"order-{contact.Id}"));
        await Eventually.UntilAsync(async () => (await host.Contacts.GetContactAsync(new() { Id = contact.Id })).Contact.Stage, s => s == "purchase", "the first purchase");

        var export = (await host.Privacy.ExportContactAsync(new() { ContactId = contact.Id })).Export;

        Assert.Equal((contact.Email, "Ann", "Lee"), (export.Contact.Email, export.Contact.Profile.GivenName, export.Contact.Profile.FamilyName));
        Assert.Equal(ConsentChannel.Email, Assert.Single(export.Contact.Consents).Channel);
        Assert.Equal("/pricing", Assert.Single(export.Interactions).Detail);
        Assert.Equal(["awareness", "engagement", "purchase"], export.StageTransitions.Select(t => t.ToStage));
        Assert.Equal((1500L, "paid"), (Assert.Single(export.Orders).TotalMinor, export.Orders[0].Status));
        Assert.Null(export.EraseTime);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Erase_anonymises_personal_data_keeps_history_frees_the_email_and_repeats_as_a_no_op(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        await RecordAsync(host, contact.Id, "ticket from ann.lee@example.com");

        var first = await host.Privacy.EraseContactAsync(new() { ContactId = contact.Id });
        var second = await host.Privacy.EraseContactAsync(new() { ContactId = contact.Id });

        Assert.False(first.AlreadyErased);
        Assert.True(second.AlreadyErased);
        Assert.Equal(first.EraseTime, second.EraseTime);
        var export = (await host.Privacy.ExportContactAsync(new() { ContactId = contact.Id })).Export;
        var erased = export.Contact;
        Assert.NotEqual(contact.Email, erased.Email);
        Assert.Equal(("", "", "", "", ""), (erased.Phone, erased.Profile.GivenName, erased.Profile.FamilyName, erased.Profile.Company, erased.Acquisition.HeardAboutUs));
        Assert.Empty(erased.ExternalIds);
        Assert.Equal("", Assert.Single(erased.Consents).Source);
        Assert.Equal(("", InteractionType.SupportTicket), (Assert.Single(export.Interactions).Detail, export.Interactions[0].Type));
        Assert.Equal(["awareness", "engagement"], export.StageTransitions.Select(t => t.ToStage));
        Assert.Equal("google", erased.Acquisition.Source);
        Assert.NotNull(export.EraseTime);

        var snapshot = (await host.Snapshots.GetCustomerSnapshotAsync(new() { ContactId = contact.Id })).Snapshot;
        Assert.Equal(erased.Version, snapshot.Version);
        Assert.DoesNotContain("Ann", snapshot.DisplayName, StringComparison.Ordinal);
        Assert.Equal(erased.Email, snapshot.Email);
        Assert.Single(await host.OutboxTypesAsync(contact.Id), t => t.EndsWith(".ContactErased", StringComparison.Ordinal));
        var reused = (await host.Contacts.CreateContactAsync(ContactBuilder.Create(ContactBuilder.Valid(contact.Email)))).Contact;
        Assert.NotEqual(contact.Id, reused.Id);
    }

    private static Task RecordAsync(ContactsHost host, string contactId, string detail) =>
        host.Interactions.RecordInteractionAsync(new()
        {
            Interaction = new Interaction { ContactId = contactId, Type = InteractionType.SupportTicket, Detail = detail },
            RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync;
}
