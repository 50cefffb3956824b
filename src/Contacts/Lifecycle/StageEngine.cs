namespace Lifecycle.Contacts.Lifecycle;

/// <summary>
/// Pure decision function of the lifecycle: given the model, the contact's stage and one signal, which rule (if any)
/// moves the contact where. No I/O and no clock, so every rule is unit-tested directly.
/// </summary>
public static class StageEngine
{
    public static StageDecision? Decide(StageModel model, string currentStage, LifecycleSignal signal)
    {
        var rule = signal switch
        {
            InteractionSignal i => First(model, currentStage,
                i.IsAdvocacy ? RuleTrigger.Advocacy : null,
                i.IsFirst ? RuleTrigger.FirstInteraction : null),
            CartOrQuoteSignal => First(model, currentStage, RuleTrigger.CartOrQuote),
            // A lapsed customer's purchase is a win-back even when it is also their first or a repeat one.
            PaidOrderSignal p => First(model, currentStage,
                RuleTrigger.PurchaseWhileLapsed,
                p.PaidOrders == 1 ? RuleTrigger.FirstPaidOrder : RuleTrigger.RepeatPurchase),
            InactivitySignal s => LongestInactivityRule(model, currentStage, s.Inactive),
            _ => null,
        };
        return rule is null ? null : new StageDecision(currentStage, rule.ToStage, rule, signal.EventId);
    }

    private static StageRule? First(StageModel model, string stage, params RuleTrigger?[] triggers) =>
        triggers.OfType<RuleTrigger>()
            .SelectMany(trigger => model.Rules.Where(r => r.Trigger == trigger))
            .FirstOrDefault(r => r.AppliesFrom(stage) && model.Allows(stage, r.ToStage));

    /// <summary>The rule with the longest window already exceeded, so a contact idle past both windows goes straight to Churned.</summary>
    private static StageRule? LongestInactivityRule(StageModel model, string stage, TimeSpan inactive) =>
        model.Rules
            .Where(r => r.Trigger == RuleTrigger.Inactivity && inactive >= TimeSpan.FromDays(r.InactiveDays))
            .OrderByDescending(r => r.InactiveDays)
            .FirstOrDefault(r => r.AppliesFrom(stage) && model.Allows(stage, r.ToStage));
}
