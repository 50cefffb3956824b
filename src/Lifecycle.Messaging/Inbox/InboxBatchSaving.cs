namespace Lifecycle.Messaging.Inbox;

/// <summary>How an inbox batch saves its handlers' changes inside its one transaction (see docs/messaging.md, Batching).</summary>
public enum InboxBatchSaving
{
    /// <summary>
    /// After each handler, so each one sees the earlier messages' effects exactly as if they were applied one by one.
    /// Right for every handler; costs one database round trip per message.
    /// </summary>
    AfterEachMessage,

    /// <summary>
    /// Once for the whole batch, in one statement batch: for handlers whose effect never depends on what other
    /// messages of the same queue wrote (insert-only projections and ledgers keyed by the event). Their queries do not
    /// see rows added earlier in the same batch; a unique key they collide on rolls the batch back to one by one.
    /// </summary>
    OncePerBatch,
}

/// <summary>The batch saving one handler registered with.</summary>
public sealed record InboxBatchPolicy<THandler>(InboxBatchSaving Saving);
