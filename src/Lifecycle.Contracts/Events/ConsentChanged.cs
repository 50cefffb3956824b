namespace Lifecycle.Contracts.Events;

/// <summary>A contact granted or withdrew consent for one channel and purpose.</summary>
public sealed record ConsentChanged : IntegrationEvent
{
    public required string Channel { get; init; }

    public required string Purpose { get; init; }

    public required bool Granted { get; init; }
}
