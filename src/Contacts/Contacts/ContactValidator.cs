using Lifecycle.Grpc.RichErrors;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Contacts;

/// <summary>Validates the fields of an API contact that a request sets, collecting every violation at once.</summary>
public static class ContactValidator
{
    /// <summary>Checks the fields whose top-level path is in <paramref name="paths"/> ("email", "profile", ...).</summary>
    public static void Validate(Api.Contact contact, IReadOnlySet<string> paths, BadRequestBuilder errors)
    {
        if (paths.Contains("email"))
        {
            errors.AddViolationIf(contact.Email.Length == 0, "contact.email", "is required")
                .AddViolationIf(contact.Email.Length > 0 && !ContactFieldRules.IsEmail(contact.Email.Trim()), "contact.email", "must be a valid email address of at most 320 characters");
        }
        if (paths.Contains("phone"))
        {
            errors.AddViolationIf(contact.Phone.Length > 0 && !ContactFieldRules.IsE164(contact.Phone), "contact.phone", "must be in E.164 form, e.g. +4915112345678");
        }
        if (paths.Contains("locale"))
        {
            errors.AddViolationIf(contact.Locale.Length > 0 && !ContactFieldRules.IsLocale(contact.Locale), "contact.locale", "must be a BCP 47 tag such as en, en-GB or pt-BR");
        }
        if (paths.Contains("external_ids"))
        {
            ValidateExternalIds(contact, errors);
        }
        if (paths.Contains("profile") && contact.Profile is { } profile)
        {
            Length(errors, "contact.profile.given_name", profile.GivenName, FieldLimits.ShortText);
            Length(errors, "contact.profile.family_name", profile.FamilyName, FieldLimits.ShortText);
            Length(errors, "contact.profile.company", profile.Company, FieldLimits.ShortText);
            Length(errors, "contact.profile.job_title", profile.JobTitle, FieldLimits.ShortText);
        }
        if (paths.Contains("acquisition") && contact.Acquisition is { } a)
        {
            foreach (var (name, value) in new[] { ("source", a.Source), ("channel", a.Channel), ("campaign", a.Campaign), ("utm_source", a.UtmSource),
                ("utm_medium", a.UtmMedium), ("utm_campaign", a.UtmCampaign), ("utm_term", a.UtmTerm), ("utm_content", a.UtmContent) })
            {
                Length(errors, $"contact.acquisition.{name}", value, FieldLimits.ShortText);
            }
            Length(errors, "contact.acquisition.heard_about_us", a.HeardAboutUs, FieldLimits.LongText);
        }
        if (paths.Contains("consents"))
        {
            ValidateConsents(contact, errors);
        }
    }

    private static void ValidateExternalIds(Api.Contact contact, BadRequestBuilder errors)
    {
        errors.AddViolationIf(contact.ExternalIds.Count > FieldLimits.MaxExternalIds, "contact.external_ids", $"at most {FieldLimits.MaxExternalIds} entries");
        for (var i = 0; i < contact.ExternalIds.Count; i++)
        {
            var id = contact.ExternalIds[i];
            errors.AddViolationIf(id.System.Length is 0 or > FieldLimits.StageId, $"contact.external_ids[{i}].system", "is required, at most 64 characters")
                .AddViolationIf(id.Value.Length is 0 or > FieldLimits.ExternalKey, $"contact.external_ids[{i}].value", "is required, at most 128 characters");
        }
    }

    private static void ValidateConsents(Api.Contact contact, BadRequestBuilder errors)
    {
        for (var i = 0; i < contact.Consents.Count; i++)
        {
            errors.AddViolationIf(ConsentChannels.NameOf(contact.Consents[i].Channel) is null, $"contact.consents[{i}].channel", "must be EMAIL, SMS or PUSH");
            Length(errors, $"contact.consents[{i}].source", contact.Consents[i].Source, FieldLimits.ShortText);
        }
        errors.AddViolationIf(contact.Consents.GroupBy(c => c.Channel).Any(g => g.Count() > 1), "contact.consents", "each channel may appear once");
    }

    private static void Length(BadRequestBuilder errors, string field, string value, int max) =>
        errors.AddViolationIf(value.Length > max, field, $"must be at most {max} characters");
}
