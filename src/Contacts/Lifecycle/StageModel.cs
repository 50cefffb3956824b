namespace Lifecycle.Contacts.Lifecycle;

/// <summary>Ordered stages, the moves allowed between them, and the rules that move contacts on events.</summary>
public sealed record StageModel(
    IReadOnlyList<StageDefinition> Stages,
    string InitialStage,
    IReadOnlyList<AllowedTransition> Transitions,
    IReadOnlyList<StageRule> Rules)
{
    public bool HasStage(string id) => Stages.Any(s => s.Id == id);

    public bool Allows(string from, string to) => Transitions.Any(t => t.From == from && t.To == to);
}

/// <summary>One stage of the model.</summary>
public sealed record StageDefinition(string Id, string DisplayName);

/// <summary>A move the model allows, for rules and manual moves alike.</summary>
public sealed record AllowedTransition(string From, string To);

/// <summary>Moves a contact in one of FromStages (any when empty) to ToStage when Trigger happens.</summary>
public sealed record StageRule(string Id, RuleTrigger Trigger, IReadOnlyList<string> FromStages, string ToStage, int InactiveDays = 0)
{
    public bool AppliesFrom(string stage) => (FromStages.Count == 0 || FromStages.Contains(stage)) && stage != ToStage;
}

/// <summary>What makes a stage rule fire.</summary>
public enum RuleTrigger
{
    FirstInteraction = 1,
    CartOrQuote = 2,
    FirstPaidOrder = 3,
    RepeatPurchase = 4,
    Advocacy = 5,
    Inactivity = 6,
    PurchaseWhileLapsed = 7,
}
