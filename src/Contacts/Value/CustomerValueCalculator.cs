using System.Globalization;
using Lifecycle.Contacts.Lifecycle;

namespace Lifecycle.Contacts.Value;

/// <summary>
/// Pure RFM and churn-risk scoring with fixed, documented thresholds (not quintiles: a score must not change because
/// other customers did, so it stays explainable to the person reading it). Only "now" and the stage roles of the model
/// in force (which stages are at risk or churned) come from outside.
/// </summary>
public sealed class CustomerValueCalculator(TimeProvider time)
{
    /// <summary>Assumed gap between purchases until a contact has two purchases to measure their own.</summary>
    public static readonly TimeSpan DefaultPurchaseGap = TimeSpan.FromDays(90);

    public ValueScores Calculate(ValueFacts facts, StageRoles roles)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var daysSincePurchase = facts.LastPurchaseAt is { } last ? (now - last).TotalDays : (double?)null;
        var reasons = ChurnReasons(facts, roles, now, daysSincePurchase);
        return new ValueScores(
            Recency: ValueScoreBands.Recency(daysSincePurchase),
            Frequency: ValueScoreBands.Frequency(facts.PaidOrderCount),
            Monetary: ValueScoreBands.Monetary(facts.RevenueMinor),
            ChurnRisk: Math.Min(100, reasons.Sum(r => r.Points)),
            Reasons: reasons);
    }

    private static List<ChurnReason> ChurnReasons(ValueFacts facts, StageRoles roles, DateTime now, double? daysSincePurchase)
    {
        if (facts.Stage == roles.ChurnedStage)
        {
            // The relationship already ended: nothing else can make it riskier.
            return [new ChurnReason("stage_churned", Text($"The contact is in the {facts.Stage} stage: the relationship has ended."), 100)];
        }
        var reasons = new List<ChurnReason>();
        if (daysSincePurchase is { } days)
        {
            var gap = UsualGap(facts).TotalDays;
            var ratio = days / gap;
            var points = ratio switch { >= 3 => 40, >= 2 => 30, >= 1.5 => 15, _ => 0 };
            if (points > 0)
            {
                reasons.Add(new ChurnReason("purchase_overdue", Text($"No purchase for {days:0} days, {ratio:0.0}x the usual gap of {gap:0} days."), points));
            }
        }
        var idleDays = (now - facts.LastActivityAt).TotalDays;
        var idlePoints = idleDays switch { >= 60 => 20, >= 30 => 10, _ => 0 };
        if (idlePoints > 0)
        {
            reasons.Add(new ChurnReason("inactive", Text($"No activity for {idleDays:0} days."), idlePoints));
        }
        if (facts.RefundedOrderCount > 0)
        {
            reasons.Add(new ChurnReason("refunds", Text($"{facts.RefundedOrderCount} refunded order(s)."), Math.Min(20, 10 * facts.RefundedOrderCount)));
        }
        if (roles.AtRiskStages.Contains(facts.Stage))
        {
            reasons.Add(new ChurnReason("stage_at_risk", Text($"The contact is in the {facts.Stage} stage, an at-risk stage."), 25));
        }
        return reasons;
    }

    /// <summary>Explanations read the same whatever the server's culture.</summary>
    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Purchases closer together than this (two orders in one sitting) say nothing about a buying rhythm; without a
    /// floor a same-day second order would make a few days' silence look hugely overdue.
    /// </summary>
    public static readonly TimeSpan MinimumPurchaseGap = TimeSpan.FromDays(7);

    /// <summary>The contact's own average gap between purchases once there are two (at least a week), else the default.</summary>
    private static TimeSpan UsualGap(ValueFacts facts) =>
        facts is { PaidOrderCount: >= 2, FirstPurchaseAt: { } first, LastPurchaseAt: { } last } && last > first
            ? TimeSpan.FromTicks(Math.Max(((last - first) / (facts.PaidOrderCount - 1)).Ticks, MinimumPurchaseGap.Ticks))
            : DefaultPurchaseGap;
}
