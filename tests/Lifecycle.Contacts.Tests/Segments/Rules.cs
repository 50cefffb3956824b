using Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Tests.Segments;

/// <summary>Short forms for segment rules and conditions, so a test reads as the rule it is about.</summary>
public static class Rules
{
    public static SegmentRules All(params SegmentCondition[] conditions) => new() { Match = SegmentMatch.All, Conditions = { conditions } };

    public static SegmentRules Any(params SegmentCondition[] conditions) => new() { Match = SegmentMatch.Any, Conditions = { conditions } };

    public static Bounds Min(long min) => new() { Min = min };

    public static Bounds Max(long max) => new() { Max = max };

    public static Bounds Between(long min, long max) => new() { Min = min, Max = max };

    public static SegmentCondition StageIn(params string[] stages) => new() { StageIn = new() { Stages = { stages } } };

    public static SegmentCondition Locale(params string[] locales) => new() { Locale = new() { Locales = { locales } } };

    public static SegmentCondition Consent(ConsentChannel channel, bool granted = true) => new() { Consent = new() { Channel = channel, Granted = granted } };

    public static SegmentCondition LastPurchase(Bounds daysAgo) => new() { LastPurchase = new() { DaysAgo = daysAgo } };

    public static SegmentCondition Revenue(string currency, Bounds amount) => new() { Revenue = new() { Currency = currency, AmountMinor = amount } };

    public static SegmentCondition ChurnRisk(Bounds risk) => new() { ChurnRisk = new() { Risk = risk } };

    public static Segment Segment(string name, SegmentRules rules) => new() { Name = name, Rules = rules };
}
