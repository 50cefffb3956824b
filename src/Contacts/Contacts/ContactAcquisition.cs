namespace Lifecycle.Contacts.Contacts;

/// <summary>How a contact found us; stored in the contact's row.</summary>
public sealed class ContactAcquisition
{
    public string? Source { get; set; }

    public string? Channel { get; set; }

    public string? Campaign { get; set; }

    public string? UtmSource { get; set; }

    public string? UtmMedium { get; set; }

    public string? UtmCampaign { get; set; }

    public string? UtmTerm { get; set; }

    public string? UtmContent { get; set; }

    public string? HeardAboutUs { get; set; }
}
