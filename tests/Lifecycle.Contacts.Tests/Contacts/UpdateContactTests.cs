using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Tests.Contacts;

[Collection(ContactsCollection.Name)]
public sealed class UpdateContactTests(ContactsInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Update_changes_only_masked_fields_and_publishes_what_changed(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var created = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        var change = new Contact
        {
            Id = created.Id,
            Phone = "+14155550100",
            Locale = "de",
            Profile = new Profile { GivenName = "Anna", FamilyName = "ignored" },
            Consents = { new ChannelConsent { Channel = ConsentChannel.Sms, Granted = true, Source = "preference-center" } },
        };

        var updated = (await host.Contacts.UpdateContactAsync(new UpdateContactRequest
        {
            Contact = change,
            UpdateMask = FieldMask.FromString("phone,profile.given_name,consents"),
        })).Contact;

        Assert.Equal("+14155550100", updated.Phone);
        Assert.Equal("Anna", updated.Profile.GivenName);
        Assert.Equal("Lee", updated.Profile.FamilyName);
        Assert.Equal("en-GB", updated.Locale);
        Assert.Equal(created.Version + 1, updated.Version);
        Assert.Equal(2, updated.Consents.Count);
        Assert.Equal(
            ["ContactCreated", "StageChanged", "ConsentChanged", "ContactUpdated", "ConsentChanged"],
            (await host.OutboxTypesAsync(created.Id)).Select(t => t.Split('.')[^1]));
    }

    [Fact]
    public async Task Update_with_an_unknown_mask_path_fails_with_a_field_violation()
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, "Sqlite");
        var created = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;

        await RpcAssert.InvalidFieldAsync("update_mask", () => host.Contacts.UpdateContactAsync(new UpdateContactRequest
        {
            Contact = new Contact { Id = created.Id, Stage = "advocacy" },
            UpdateMask = FieldMask.FromString("stage"),
        }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("update_mask", () => host.Contacts.UpdateContactAsync(new UpdateContactRequest
        {
            Contact = new Contact { Id = created.Id },
        }).ResponseAsync);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Changing_email_to_another_contacts_email_fails_with_already_exists(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var first = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        var second = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;

        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => host.Contacts.UpdateContactAsync(new UpdateContactRequest
        {
            Contact = new Contact { Id = second.Id, Email = first.Email.ToUpperInvariant() },
            UpdateMask = FieldMask.FromString("email"),
        }).ResponseAsync);
    }

    [Fact]
    public async Task Get_of_an_unknown_contact_fails_with_not_found_and_a_malformed_id_with_a_field_violation()
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, "Sqlite");

        await RpcAssert.FailsAsync(StatusCode.NotFound, () => host.Contacts.GetContactAsync(new() { Id = Guid.NewGuid().ToString() }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("id", () => host.Contacts.GetContactAsync(new() { Id = "42" }).ResponseAsync);
    }
}
