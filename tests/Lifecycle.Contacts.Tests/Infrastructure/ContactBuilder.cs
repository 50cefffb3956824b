using Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Tests.Infrastructure;

/// <summary>Valid requests to start from; tests change the one field they are about.</summary>
public static class ContactBuilder
{
    public static Contact Valid(string? email = null) => new()
    {
        Email = email ?? $"ann.{Guid.NewGuid():N}@example.com",
        Phone = "+4915112345678",
        Locale = "en-GB",
        Profile = new Profile { GivenName = "Ann", FamilyName = "Lee", Company = "Acme" },
        Acquisition = new Acquisition { Source = "google", Channel = "paid_search", UtmCampaign = "spring", HeardAboutUs = "a friend" },
        ExternalIds = { new ExternalId { System = "shop", Value = "c-1" } },
        Consents = { new ChannelConsent { Channel = ConsentChannel.Email, Granted = true, Source = "signup-form" } },
    };

    public static CreateContactRequest Create(Contact? contact = null, string? requestId = null) =>
        new() { Contact = contact ?? Valid(), RequestId = requestId ?? Guid.NewGuid().ToString() };
}
