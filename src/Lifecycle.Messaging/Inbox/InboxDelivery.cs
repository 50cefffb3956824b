using Lifecycle.Contracts.Events;

namespace Lifecycle.Messaging.Inbox;

/// <summary>How a delivery handed to the batch applier ended.</summary>
internal enum InboxOutcome
{
    /// <summary>Its effect and inbox row committed with the rest of the batch.</summary>
    Applied,

    /// <summary>Its message id was already in the inbox (or earlier in the same batch): acknowledge without effect.</summary>
    AlreadyProcessed,

    /// <summary>The batch failed and rolled back: process this delivery on its own, so only a failing message retries.</summary>
    ProcessAlone,
}

/// <summary>One consumed message waiting for the batch applier, with what its consume span needs and where its outcome goes.</summary>
internal sealed class InboxDelivery<TEvent>(Guid messageId, TEvent message, string? traceParent, string? traceState)
    where TEvent : IntegrationEvent
{
    private readonly TaskCompletionSource<InboxOutcome> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Guid MessageId => messageId;

    public TEvent Message => message;

    public string? TraceParent => traceParent;

    public string? TraceState => traceState;

    public Task<InboxOutcome> Outcome => outcome.Task;

    public void Complete(InboxOutcome result) => outcome.TrySetResult(result);
}
