namespace Lifecycle.Contracts.Events;

/// <summary>
/// Base of every integration event: a unique id (the message id consumers dedupe on), when it happened,
/// and which aggregate at which version produced it, so consumers can order and ignore stale updates.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;

    public required string AggregateId { get; init; }

    public required long AggregateVersion { get; init; }
}
