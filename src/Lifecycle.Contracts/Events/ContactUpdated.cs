namespace Lifecycle.Contracts.Events;

/// <summary>A contact's profile changed; ChangedFields names what changed so read models refresh only that.</summary>
public sealed record ContactUpdated : IntegrationEvent
{
    public required IReadOnlyList<string> ChangedFields { get; init; }
}
