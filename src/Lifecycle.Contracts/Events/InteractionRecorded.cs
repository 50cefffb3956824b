namespace Lifecycle.Contracts.Events;

/// <summary>A touchpoint (page view, download, sign-up, ticket, review, NPS) was recorded for a contact.</summary>
public sealed record InteractionRecorded : IntegrationEvent
{
    public required string ContactId { get; init; }

    public required string Kind { get; init; }

    public string? Detail { get; init; }
}
