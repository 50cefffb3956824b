namespace Lifecycle.Contacts.Lifecycle;

/// <summary>A named lease row: the replica whose conditional update wins it runs the scheduled job until it expires.</summary>
public sealed class SchedulerLease
{
    public required string Name { get; set; }

    public string? Holder { get; set; }

    public DateTime ExpiresAt { get; set; }
}
