namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// Sees each batch after the broker confirmed it and before the rows are marked sent: the window in which a
/// crash produces a duplicate. Used for metrics and by the crash test's dispatcher.
/// </summary>
public interface IOutboxRelayObserver
{
    Task BatchPublishedAsync(IReadOnlyList<OutboxMessage> published, CancellationToken cancellationToken);
}
