namespace Lifecycle.Contacts.Lifecycle;

/// <summary>One move between stages, kept forever (also after erasure, without identity).</summary>
public sealed class StageTransitionRecord
{
    public Guid Id { get; set; }

    public Guid ContactId { get; set; }

    public string? FromStage { get; set; }

    public required string ToStage { get; set; }

    public required string Reason { get; set; }

    public string? RuleId { get; set; }

    public string? Actor { get; set; }

    public Guid? TriggerEventId { get; set; }

    public DateTime OccurredAt { get; set; }

    public bool WinBack { get; set; }
}
