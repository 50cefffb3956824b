using Grpc.Core;
using Lifecycle.Contacts.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Tests.Contacts;

[Collection(ContactsCollection.Name)]
public sealed class CreateContactTests(ContactsInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Create_stores_every_field_starts_in_awareness_and_stages_events_in_the_outbox(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);

        var created = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        var read = (await host.Contacts.GetContactAsync(new() { Id = created.Id })).Contact;

        Assert.Equal(created, read);
        Assert.Equal("awareness", read.Stage);
        Assert.Equal("+4915112345678", read.Phone);
        Assert.Equal("spring", read.Acquisition.UtmCampaign);
        Assert.Equal("c-1", Assert.Single(read.ExternalIds).Value);
        var consent = Assert.Single(read.Consents);
        Assert.True(consent.Granted);
        Assert.Equal("signup-form", consent.Source);
        Assert.Equal(
            ["Lifecycle.Contracts.Events.ContactCreated", "Lifecycle.Contracts.Events.StageChanged", "Lifecycle.Contracts.Events.ConsentChanged"],
            await host.OutboxTypesAsync(created.Id));
        Assert.Equal(1, await host.QueryAsync(db => db.StageTransitions.CountAsync(t => t.ContactId == Guid.Parse(created.Id))));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Retried_create_with_the_same_request_id_returns_the_same_contact_once(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var request = ContactBuilder.Create();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.Contacts.CreateContactAsync(request).ResponseAsync));

        Assert.Single(attempts.Select(a => a.Contact.Id).Distinct());
        Assert.Equal(1, await host.QueryAsync(db => db.Contacts.CountAsync()));
        Assert.Single(await host.OutboxTypesAsync(attempts[0].Contact.Id), t => t.EndsWith(".ContactCreated", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Duplicate_email_in_other_case_fails_with_already_exists(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        await host.Contacts.CreateContactAsync(ContactBuilder.Create(ContactBuilder.Valid("Ann.Lee@Example.com")));

        await RpcAssert.FailsAsync(StatusCode.AlreadyExists,
            () => host.Contacts.CreateContactAsync(ContactBuilder.Create(ContactBuilder.Valid("ann.lee@example.COM"))).ResponseAsync);
    }

    [Theory]
    [InlineData("contact.email", "not-an-email")]
    [InlineData("contact.phone", "015112345678")]
    [InlineData("contact.locale", "english")]
    [InlineData("contact.profile.given_name", "oversize")]
    [InlineData("contact.acquisition.heard_about_us", "oversize")]
    [InlineData("contact.consents[0].channel", "unspecified")]
    [InlineData("request_id", "oversize")]
    public async Task Invalid_input_fails_with_a_field_violation(string field, string value)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, "Sqlite");
        var request = ContactBuilder.Create();
        var contact = request.Contact;
        switch (field)
        {
            case "contact.email": contact.Email = value; break;
            case "contact.phone": contact.Phone = value; break;
            case "contact.locale": contact.Locale = value; break;
            case "contact.profile.given_name": contact.Profile.GivenName = new string('x', 201); break;
            case "contact.acquisition.heard_about_us": contact.Acquisition.HeardAboutUs = new string('x', 1001); break;
            case "contact.consents[0].channel": contact.Consents[0].Channel = Contracts.Contacts.V1.ConsentChannel.Unspecified; break;
            default: request.RequestId = new string('r', 65); break;
        }

        await RpcAssert.InvalidFieldAsync(field, () => host.Contacts.CreateContactAsync(request).ResponseAsync);
        Assert.Equal(0, await host.QueryAsync(db => db.Contacts.CountAsync()));
    }
}
