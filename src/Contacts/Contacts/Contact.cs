namespace Lifecycle.Contacts.Contacts;

/// <summary>A contact or lead as stored: identity, profile, acquisition, consent, lifecycle stage and value facts.</summary>
public sealed class Contact
{
    public Guid Id { get; set; }

    public required string Email { get; set; }

    /// <summary>Lower-cased email: the unique key that makes "Ann@x.io" and "ann@x.io" one contact.</summary>
    public required string EmailNormalized { get; set; }

    public string? Phone { get; set; }

    /// <summary>JSON array of {system, value}; only ever read and written whole.</summary>
    public string ExternalIdsJson { get; set; } = "[]";

    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public string? Company { get; set; }

    public string? JobTitle { get; set; }

    public string? Locale { get; set; }

    public ContactAcquisition Acquisition { get; set; } = new();

    public List<ContactConsent> Consents { get; set; } = [];

    public required string Stage { get; set; }

    public DateTime StageSince { get; set; }

    /// <summary>Optimistic concurrency token and snapshot version: every change increments it.</summary>
    public long Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>The create call's idempotency key, unique, so a retried create finds the first result.</summary>
    public string? CreateRequestId { get; set; }

    /// <summary>Lower-cased email and names, so one LIKE finds text case-insensitively on every provider.</summary>
    public string SearchText { get; set; } = "";

    public ContactActivity Activity { get; set; } = new();

    /// <summary>When the contact was erased (GDPR); set once, so a repeated erase changes nothing.</summary>
    public DateTime? ErasedAt { get; set; }

    /// <summary>Records a change: bumps the version and the update time (every mutation goes through here).</summary>
    public void Touch(DateTime now)
    {
        Version++;
        UpdatedAt = now;
        SearchText = $"{EmailNormalized} {GivenName} {FamilyName}".ToLowerInvariant();
    }
}
