namespace Lifecycle.Messaging.Inbox;

/// <summary>Proof that one consumer applied one message; inserted in the same transaction as the effect.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }

    /// <summary>The consumer's queue name: two consumers of one event each apply it once.</summary>
    public required string Consumer { get; set; }

    public DateTime ProcessedAt { get; set; }
}
