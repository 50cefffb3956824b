namespace Lifecycle.Contacts.Lifecycle;

/// <summary>
/// The stages that reports and scores give a meaning to, read from a model's rules instead of assumed by id, so a
/// company that renames its stages keeps correct churn and conversion figures. Purchase stages are where a first paid
/// order leads. Lapse stages are where inactivity rules lead: the one reached after the longest inactivity is where
/// the relationship has ended (churned), the earlier ones are at risk. A model with a single inactivity rule has a
/// churned stage and no at-risk stage.
/// </summary>
public sealed record StageRoles(IReadOnlyList<string> PurchaseStages, IReadOnlyList<string> AtRiskStages, string? ChurnedStage)
{
    public static StageRoles Of(StageModel model)
    {
        var purchase = model.Rules.Where(r => r.Trigger == RuleTrigger.FirstPaidOrder).Select(r => r.ToStage).Distinct().ToList();
        // A stage reached by several inactivity rules counts with its longest wait.
        var lapse = model.Rules.Where(r => r.Trigger == RuleTrigger.Inactivity)
            .GroupBy(r => r.ToStage)
            .Select(g => (Stage: g.Key, Days: g.Max(r => r.InactiveDays)))
            .OrderBy(s => s.Days).ThenBy(s => s.Stage, StringComparer.Ordinal)
            .Select(s => s.Stage)
            .ToList();
        return lapse.Count == 0
            ? new StageRoles(purchase, [], null)
            : new StageRoles(purchase, lapse[..^1], lapse[^1]);
    }

    /// <summary>The stages inactivity leads to: the at-risk stages and the churned stage.</summary>
    public IReadOnlyList<string> LapsedStages => ChurnedStage is null ? AtRiskStages : [.. AtRiskStages, ChurnedStage];
}
