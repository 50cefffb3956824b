namespace Lifecycle.Contacts.Lifecycle;

/// <summary>The engine's answer: move to ToStage because of Rule; WinBack when a lapsed customer bought again.</summary>
public sealed record StageDecision(string FromStage, string ToStage, StageRule Rule, Guid? EventId)
{
    public bool WinBack => Rule.Trigger == RuleTrigger.PurchaseWhileLapsed;

    public string Reason => Rule.Trigger switch
    {
        RuleTrigger.FirstInteraction => "first interaction",
        RuleTrigger.CartOrQuote => "cart or quote activity",
        RuleTrigger.FirstPaidOrder => "first paid order",
        RuleTrigger.RepeatPurchase => "repeat purchase",
        RuleTrigger.Advocacy => "referral, review or promoter score",
        RuleTrigger.Inactivity => $"no activity for {Rule.InactiveDays} days",
        RuleTrigger.PurchaseWhileLapsed => "win-back: purchase while lapsed",
        _ => Rule.Id,
    };
}
