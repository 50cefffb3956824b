using System.ComponentModel.DataAnnotations;

namespace Lifecycle.Messaging.Configuration;

/// <summary>Consumer-side settings, bound from the "Messaging" configuration section.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>amqp://user:pass@host:port/vhost, from ConnectionStrings:messaging.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>Redeliveries in process before the message goes to the endpoint's _error queue.</summary>
    [Range(0, 20)]
    public int RetryLimit { get; set; } = 5;

    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryIntervalDelta { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Messages one endpoint processes at once (per replica); handlers may override it. It also bounds an inbox batch:
    /// 32 made batches of 10–15 under load instead of 3–4 at 8 (docs/benchmarks.md, "Messaging").
    /// </summary>
    [Range(1, 1000)]
    public int ConcurrentMessageLimit { get; set; } = 32;

    /// <summary>Unacknowledged messages the broker hands one endpoint ahead: twice the concurrency keeps it fed.</summary>
    [Range(1, 10000)]
    public int PrefetchCount { get; set; } = 64;

    /// <summary>
    /// Most messages of one queue applied in one inbox transaction (group commit of the messages being consumed
    /// concurrently, so also bounded by ConcurrentMessageLimit); 1 applies every message in its own transaction.
    /// </summary>
    [Range(1, 1000)]
    public int InboxBatchSize { get; set; } = 64;

    /// <summary>
    /// Batches of one queue applied at once on a server database (PostgreSQL), so database round trips overlap;
    /// SQLite has one writer and always uses one.
    /// </summary>
    [Range(1, 64)]
    public int InboxBatchAppliers { get; set; } = 2;
}
