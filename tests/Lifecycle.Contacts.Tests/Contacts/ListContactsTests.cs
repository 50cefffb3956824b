using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Tests.Contacts;

[Collection(ContactsCollection.Name)]
public sealed class ListContactsTests(ContactsInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pages_cover_every_match_once_in_the_requested_order(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        foreach (var name in new[] { "Carter", "Adams", "Baker", "Evans", "Davis" })
        {
            var contact = ContactBuilder.Valid($"{name.ToLowerInvariant()}@example.com");
            contact.Profile.FamilyName = name;
            await host.Contacts.CreateContactAsync(ContactBuilder.Create(contact));
        }

        var names = new List<string>();
        var request = new ListContactsRequest { PageSize = 2, OrderBy = "family_name desc" };
        do
        {
            var page = await host.Contacts.ListContactsAsync(request);
            Assert.Equal(5, page.TotalSize);
            names.AddRange(page.Contacts.Select(c => c.Profile.FamilyName));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal(["Evans", "Davis", "Carter", "Baker", "Adams"], names);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Text_search_is_case_insensitive_over_name_and_email_and_stage_filters(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var zoe = ContactBuilder.Valid("zoe@example.com");
        zoe.Profile.GivenName = "Zoë";
        zoe.Profile.FamilyName = "McKenzie";
        await host.Contacts.CreateContactAsync(ContactBuilder.Create(zoe));
        await host.Contacts.CreateContactAsync(ContactBuilder.Create());

        var byName = await host.Contacts.ListContactsAsync(new ListContactsRequest { Query = "mckenZIE" });
        var byEmail = await host.Contacts.ListContactsAsync(new ListContactsRequest { Query = "ZOE@" });
        var inPurchase = await host.Contacts.ListContactsAsync(new ListContactsRequest { Stage = "purchase" });
        var inAwareness = await host.Contacts.ListContactsAsync(new ListContactsRequest { Stage = "awareness" });

        Assert.Equal("zoe@example.com", Assert.Single(byName.Contacts).Email);
        Assert.Equal("zoe@example.com", Assert.Single(byEmail.Contacts).Email);
        Assert.Empty(inPurchase.Contacts);
        Assert.Equal(2, inAwareness.TotalSize);
    }

    [Fact]
    public async Task Tampered_or_foreign_page_tokens_and_bad_ordering_fail_with_field_violations()
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, "Sqlite");
        for (var i = 0; i < 3; i++)
        {
            await host.Contacts.CreateContactAsync(ContactBuilder.Create());
        }
        var token = (await host.Contacts.ListContactsAsync(new ListContactsRequest { PageSize = 1 })).NextPageToken;
        var tampered = (token[0] == 'A' ? 'B' : 'A') + token[1..];

        await RpcAssert.InvalidFieldAsync("page_token", () => host.Contacts.ListContactsAsync(new ListContactsRequest { PageSize = 1, PageToken = tampered }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("page_token", () => host.Contacts.ListContactsAsync(new ListContactsRequest { PageSize = 1, PageToken = token, Query = "ann" }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("order_by", () => host.Contacts.ListContactsAsync(new ListContactsRequest { OrderBy = "password" }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("page_size", () => host.Contacts.ListContactsAsync(new ListContactsRequest { PageSize = 1000 }).ResponseAsync);
    }
}
