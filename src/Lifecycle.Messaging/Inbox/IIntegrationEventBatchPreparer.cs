using Lifecycle.Contracts.Events;

namespace Lifecycle.Messaging.Inbox;

/// <summary>
/// Optional companion of an <see cref="IIntegrationEventHandler{TEvent}"/>: when the inbox applies a batch, it calls
/// this once with the batch's new messages, in the batch's scope and transaction, before the handler runs for each.
/// A handler that reads one row per event can load the whole batch's rows here in one query per table instead of one
/// query per event. It must only read (or warm what the handlers read): effects belong in the handler, because a
/// message applied on its own (a batch's fallback, or batching off) never passes through here.
/// </summary>
public interface IIntegrationEventBatchPreparer<in TEvent>
    where TEvent : IntegrationEvent
{
    Task PrepareAsync(IReadOnlyList<TEvent> batch, CancellationToken cancellationToken);
}
