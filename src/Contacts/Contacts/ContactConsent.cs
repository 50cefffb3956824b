namespace Lifecycle.Contacts.Contacts;

/// <summary>Marketing consent on one channel ("email", "sms", "push"), with when and where it last changed.</summary>
public sealed class ContactConsent
{
    public required string Channel { get; set; }

    public bool Granted { get; set; }

    public DateTime ChangedAt { get; set; }

    public string? Source { get; set; }
}
