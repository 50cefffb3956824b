using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Contacts;

/// <summary>The field-mask paths a client may update, each with how it copies the API value onto the stored contact.</summary>
public static class ContactPaths
{
    public static readonly IReadOnlyDictionary<string, Action<Contact, Api.Contact>> Setters = new Dictionary<string, Action<Contact, Api.Contact>>
    {
        ["email"] = (c, a) => (c.Email, c.EmailNormalized) = (a.Email.Trim(), ContactFieldRules.NormalizeEmail(a.Email)),
        ["phone"] = (c, a) => c.Phone = Blank(a.Phone),
        ["locale"] = (c, a) => c.Locale = Blank(a.Locale),
        ["external_ids"] = (c, a) => c.ExternalIdsJson = ExternalIds.ToJson(a.ExternalIds),
        ["profile.given_name"] = (c, a) => c.GivenName = Blank(a.Profile?.GivenName),
        ["profile.family_name"] = (c, a) => c.FamilyName = Blank(a.Profile?.FamilyName),
        ["profile.company"] = (c, a) => c.Company = Blank(a.Profile?.Company),
        ["profile.job_title"] = (c, a) => c.JobTitle = Blank(a.Profile?.JobTitle),
        ["acquisition.source"] = (c, a) => c.Acquisition.Source = Blank(a.Acquisition?.Source),
        ["acquisition.channel"] = (c, a) => c.Acquisition.Channel = Blank(a.Acquisition?.Channel),
        ["acquisition.campaign"] = (c, a) => c.Acquisition.Campaign = Blank(a.Acquisition?.Campaign),
        ["acquisition.utm_source"] = (c, a) => c.Acquisition.UtmSource = Blank(a.Acquisition?.UtmSource),
        ["acquisition.utm_medium"] = (c, a) => c.Acquisition.UtmMedium = Blank(a.Acquisition?.UtmMedium),
        ["acquisition.utm_campaign"] = (c, a) => c.Acquisition.UtmCampaign = Blank(a.Acquisition?.UtmCampaign),
        ["acquisition.utm_term"] = (c, a) => c.Acquisition.UtmTerm = Blank(a.Acquisition?.UtmTerm),
        ["acquisition.utm_content"] = (c, a) => c.Acquisition.UtmContent = Blank(a.Acquisition?.UtmContent),
        ["acquisition.heard_about_us"] = (c, a) => c.Acquisition.HeardAboutUs = Blank(a.Acquisition?.HeardAboutUs),
    };

    /// <summary>Every leaf path plus "consents" (merged per channel, see ConsentWriter).</summary>
    public static IEnumerable<string> All => Setters.Keys.Append("consents");

    /// <summary>Expands "profile" / "acquisition" to their leaves; null when a path is unknown.</summary>
    public static IReadOnlyList<string>? Expand(string path)
    {
        if (path == "consents" || Setters.ContainsKey(path))
        {
            return [path];
        }
        var leaves = Setters.Keys.Where(k => k.StartsWith(path + ".", StringComparison.Ordinal)).ToList();
        return leaves.Count > 0 ? leaves : null;
    }

    /// <summary>The top-level field of a path ("profile.company" → "profile"), as validation and events name it.</summary>
    public static string TopLevel(string path) => path.Split('.')[0];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
