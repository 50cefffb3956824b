using System.ComponentModel.DataAnnotations;

namespace Lifecycle.Contacts;

/// <summary>Service settings bound from the "Contacts" configuration section and validated at start.</summary>
public sealed class ContactsOptions
{
    public const string SectionName = "Contacts";

    /// <summary>Signs list page tokens; every replica needs the same value so any replica accepts any token.</summary>
    [Required]
    [MinLength(16)]
    public string PageTokenKey { get; set; } = "";

    /// <summary>How long a snapshot stays in Redis without being rewritten; bounds staleness after a missed write.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan SnapshotTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a replica answers GetCustomerSnapshot from its own copy of a snapshot before asking Redis again: the
    /// bound on staleness should a change announcement be lost. Zero turns the local copy off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan SnapshotLocalCacheTtl { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often one replica runs the time-based (inactivity) stage rules.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan InactivitySweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Disables the sweep in processes that must not run it (tests that drive it by hand).</summary>
    public bool InactivitySweepEnabled { get; set; } = true;

    /// <summary>How often one replica re-evaluates every segment (time-relative rules, repairs of missed refreshes).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan SegmentSweepInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Disables the segment sweep in processes that must not run it (tests that drive it by hand).</summary>
    public bool SegmentSweepEnabled { get; set; } = true;
}
