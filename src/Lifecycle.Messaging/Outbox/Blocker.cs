namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// An aggregate's first unsent row outside the claim (see <see cref="OutboxClaim.FirstBlockingRowsAsync"/>): its claimed
/// rows after it wait. <paramref name="NextAttemptAt"/> is when it is due again if it is backing off.
/// </summary>
internal readonly record struct Blocker(long Sequence, DateTime? NextAttemptAt);
