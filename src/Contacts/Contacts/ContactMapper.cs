using Google.Protobuf.WellKnownTypes;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Contacts;

/// <summary>Stored contact → API contact.</summary>
public static class ContactMapper
{
    public static Api.Contact ToApi(this Contact c)
    {
        var a = c.Acquisition;
        var contact = new Api.Contact
        {
            Id = c.Id.ToString(),
            Email = c.Email,
            Phone = c.Phone ?? "",
            Profile = new Api.Profile { GivenName = c.GivenName ?? "", FamilyName = c.FamilyName ?? "", Company = c.Company ?? "", JobTitle = c.JobTitle ?? "" },
            Locale = c.Locale ?? "",
            Acquisition = new Api.Acquisition
            {
                Source = a.Source ?? "",
                Channel = a.Channel ?? "",
                Campaign = a.Campaign ?? "",
                UtmSource = a.UtmSource ?? "",
                UtmMedium = a.UtmMedium ?? "",
                UtmCampaign = a.UtmCampaign ?? "",
                UtmTerm = a.UtmTerm ?? "",
                UtmContent = a.UtmContent ?? "",
                HeardAboutUs = a.HeardAboutUs ?? "",
            },
            Stage = c.Stage,
            StageSince = Timestamp.FromDateTime(c.StageSince),
            Version = c.Version,
            CreateTime = Timestamp.FromDateTime(c.CreatedAt),
            UpdateTime = Timestamp.FromDateTime(c.UpdatedAt),
        };
        contact.ExternalIds.AddRange(ExternalIds.FromJson(c.ExternalIdsJson));
        contact.Consents.AddRange(c.Consents.OrderBy(x => x.Channel, StringComparer.Ordinal).Select(x => new Api.ChannelConsent
        {
            Channel = ConsentChannels.Parse(x.Channel),
            Granted = x.Granted,
            ChangeTime = Timestamp.FromDateTime(x.ChangedAt),
            Source = x.Source ?? "",
        }));
        return contact;
    }
}
