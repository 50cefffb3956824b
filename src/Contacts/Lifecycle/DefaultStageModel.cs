using static Lifecycle.Contacts.Lifecycle.StageIds;

namespace Lifecycle.Contacts.Lifecycle;

/// <summary>
/// The model from DESIGN.md §3: Awareness → Engagement → Evaluation → Purchase → Retention → Advocacy, plus At-risk
/// and Churned, with win-back into Retention. Backward steps along the funnel are allowed for manual corrections.
/// </summary>
public static class DefaultStageModel
{
    public const int AtRiskAfterDays = 60;
    public const int ChurnedAfterDays = 180;

    private static readonly string[] Funnel = [Awareness, Engagement, Evaluation, Purchase, Retention, Advocacy];
    private static readonly string[] Active = [Engagement, Evaluation, Purchase, Retention, Advocacy];

    public static StageModel Create() => new(
        [
            new(Awareness, "Awareness"), new(Engagement, "Engagement"), new(Evaluation, "Evaluation"),
            new(Purchase, "Purchase"), new(Retention, "Retention"), new(Advocacy, "Advocacy"),
            new(AtRisk, "At risk"), new(Churned, "Churned"),
        ],
        Awareness,
        Transitions(),
        [
            new("first-interaction", RuleTrigger.FirstInteraction, [Awareness], Engagement),
            new("cart-or-quote", RuleTrigger.CartOrQuote, [Awareness, Engagement], Evaluation),
            new("first-paid-order", RuleTrigger.FirstPaidOrder, [Awareness, Engagement, Evaluation], Purchase),
            new("repeat-purchase", RuleTrigger.RepeatPurchase, [Purchase], Retention),
            new("advocacy", RuleTrigger.Advocacy, [Purchase, Retention], Advocacy),
            new("inactive-at-risk", RuleTrigger.Inactivity, Active, AtRisk, AtRiskAfterDays),
            new("inactive-churned", RuleTrigger.Inactivity, [.. Active, AtRisk], Churned, ChurnedAfterDays),
            new("win-back", RuleTrigger.PurchaseWhileLapsed, [AtRisk, Churned], Retention),
        ]);

    private static List<AllowedTransition> Transitions()
    {
        var transitions = new List<AllowedTransition>();
        for (var i = 0; i < Funnel.Length; i++)
        {
            // Forward to any later funnel stage (rules skip stages, e.g. a first purchase straight from Awareness),
            // and one step back for manual corrections.
            transitions.AddRange(Funnel.Skip(i + 1).Select(to => new AllowedTransition(Funnel[i], to)));
            if (i > 0)
            {
                transitions.Add(new AllowedTransition(Funnel[i], Funnel[i - 1]));
            }
        }
        transitions.AddRange(Active.Select(from => new AllowedTransition(from, AtRisk)));
        transitions.AddRange(Active.Select(from => new AllowedTransition(from, Churned)));
        transitions.Add(new AllowedTransition(AtRisk, Churned));
        transitions.Add(new AllowedTransition(AtRisk, Retention));
        transitions.Add(new AllowedTransition(Churned, Retention));
        return transitions;
    }
}
