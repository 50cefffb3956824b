namespace Lifecycle.Contracts.Events;

/// <summary>A contact moved between lifecycle stages (forward or backward), with the reason.</summary>
public sealed record StageChanged : IntegrationEvent
{
    public string? FromStage { get; init; }

    public required string ToStage { get; init; }

    public required string Reason { get; init; }
}
