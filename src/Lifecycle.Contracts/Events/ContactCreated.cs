namespace Lifecycle.Contracts.Events;

/// <summary>A contact or lead entered the system; AggregateId is the contact id.</summary>
public sealed record ContactCreated : IntegrationEvent
{
    public required string Email { get; init; }

    public string? Locale { get; init; }

    public string? AcquisitionSource { get; init; }
}
