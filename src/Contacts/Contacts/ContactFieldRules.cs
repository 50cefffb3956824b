using System.Text.RegularExpressions;

namespace Lifecycle.Contacts.Contacts;

/// <summary>Format rules for a contact's identity fields, shared by create and update.</summary>
public static partial class ContactFieldRules
{
    public static bool IsEmail(string value) => value.Length <= FieldLimits.Email && Email().IsMatch(value);

    /// <summary>E.164: a plus, a non-zero country digit, at most 15 digits in all.</summary>
    public static bool IsE164(string value) => E164().IsMatch(value);

    /// <summary>BCP 47 language[-Script][-REGION], e.g. en, en-GB, zh-Hant-TW, es-419.</summary>
    public static bool IsLocale(string value) => value.Length <= FieldLimits.Locale && Locale().IsMatch(value);

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    [GeneratedRegex(@"^[^@\s""<>()\[\],;:]+@[^@\s""<>()\[\],;:]+\.[^@\s""<>()\[\],;:]{2,}$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^[a-zA-Z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")]
    private static partial Regex Locale();
}
