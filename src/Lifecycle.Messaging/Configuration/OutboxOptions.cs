using System.ComponentModel.DataAnnotations;

namespace Lifecycle.Messaging.Configuration;

/// <summary>Dispatcher and retention settings, bound from the "Messaging:Outbox" configuration section.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Messaging:Outbox";

    /// <summary>False in processes that only write events and leave relaying to another process.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    [Range(1, 10000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>Safety net for commits the interceptor did not see (other processes, raw SQL).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long one publish may take before the row is retried: opening the relay's connection and channel if needed,
    /// declaring the event type's exchanges on first use, and waiting for the broker's confirm.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Publishes one dispatcher keeps awaiting the broker's confirm at once (its publish pipeline's cap). The relay's
    /// channel, shared by every AddMessaging registration in the process, has no limiter of its own.
    /// </summary>
    [Range(1, 10000)]
    public int MaxPublishesInFlight { get; set; } = 64;

    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sent rows are kept this long (for diagnostics) and then deleted.</summary>
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Inbox rows are the dedupe window: a redelivery older than this would be applied again.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most rows one prune statement deletes; a prune repeats it until nothing past retention is left.</summary>
    [Range(1, 100000)]
    public int PruneBatchSize { get; set; } = 1000;
}
