using System.Text.RegularExpressions;
using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Interactions;
using Lifecycle.Contacts.Lifecycle;
using Lifecycle.Grpc.RichErrors;
using Api = Lifecycle.Contracts.Contacts.V1;
using Kind = Lifecycle.Contracts.Contacts.V1.SegmentCondition.KindOneofCase;

namespace Lifecycle.Contacts.Segments;

/// <summary>
/// Validates segment rules, collecting every violation with a path to the exact condition and field
/// (segment.rules.conditions[2].stage_in.stages[0]), so a rule builder can mark the control at fault.
/// </summary>
public static partial class SegmentRuleValidator
{
    public const int MaxConditions = 20;
    public const int MaxValues = 50;
    public const int MaxDays = 36_500;
    public const long MaxAmountMinor = 1_000_000_000_000;
    public const int MaxCount = 1_000_000;

    public static void Validate(Api.SegmentRules? rules, string path, StageModel model, BadRequestBuilder errors)
    {
        if (rules is null)
        {
            errors.AddViolation(path, "is required");
            return;
        }
        errors.AddViolationIf(!Enum.IsDefined(rules.Match), $"{path}.match", "must be SEGMENT_MATCH_ALL or SEGMENT_MATCH_ANY")
            .AddViolationIf(rules.Conditions.Count is 0 or > MaxConditions, $"{path}.conditions", $"must hold 1-{MaxConditions} conditions");
        for (var i = 0; i < Math.Min(rules.Conditions.Count, MaxConditions); i++)
        {
            Condition(rules.Conditions[i], $"{path}.conditions[{i}]", model, errors);
        }
    }

    private static void Condition(Api.SegmentCondition c, string p, StageModel model, BadRequestBuilder errors)
    {
        switch (c.KindCase)
        {
            case Kind.Attribute:
                errors.AddViolationIf(c.Attribute.Attribute == Api.ContactAttribute.Unspecified || !Enum.IsDefined(c.Attribute.Attribute), $"{p}.attribute.attribute", "must name a contact attribute");
                Values(c.Attribute.Values, $"{p}.attribute.values", v => v.Trim().Length is > 0 and <= FieldLimits.ShortText, $"must be 1-{FieldLimits.ShortText} characters", errors);
                break;
            case Kind.Locale:
                Values(c.Locale.Locales, $"{p}.locale.locales", ContactFieldRules.IsLocale, "must be a BCP 47 tag such as en or en-GB", errors);
                break;
            case Kind.EmailDomain:
                Values(c.EmailDomain.Domains, $"{p}.email_domain.domains", v => v.Length <= FieldLimits.ShortText && Domain().IsMatch(v.Trim()), "must be a domain such as example.com", errors);
                break;
            case Kind.PhonePrefix:
                Values(c.PhonePrefix.Prefixes, $"{p}.phone_prefix.prefixes", PhonePrefix().IsMatch, "must be + followed by 1-15 digits, e.g. +49", errors);
                break;
            case Kind.ExternalId:
                errors.AddViolationIf(c.ExternalId.System.Length > 0 && !ExternalSystem().IsMatch(c.ExternalId.System), $"{p}.external_id.system", "must be empty or 1-64 of A-Z a-z 0-9 _ . -");
                break;
            case Kind.Created:
                Bounds(c.Created.DaysAgo, $"{p}.created.days_ago", 0, MaxDays, errors);
                break;
            case Kind.StageIn:
                Values(c.StageIn.Stages, $"{p}.stage_in.stages", model.HasStage, "must be a stage of the stage model in force", errors);
                break;
            case Kind.DaysInStage:
                Bounds(c.DaysInStage.Days, $"{p}.days_in_stage.days", 0, MaxDays, errors);
                break;
            case Kind.Consent:
                errors.AddViolationIf(ConsentChannels.NameOf(c.Consent.Channel) is null, $"{p}.consent.channel", "must be EMAIL, SMS or PUSH");
                break;
            case Kind.Revenue:
                Money(c.Revenue, $"{p}.revenue", errors);
                break;
            case Kind.AverageOrder:
                Money(c.AverageOrder, $"{p}.average_order", errors);
                break;
            case Kind.OrderCount:
                Bounds(c.OrderCount.Count, $"{p}.order_count.count", 0, MaxCount, errors);
                break;
            case Kind.LastPurchase:
                Bounds(c.LastPurchase.DaysAgo, $"{p}.last_purchase.days_ago", 0, MaxDays, errors);
                break;
            case Kind.Rfm:
                Rfm(c.Rfm, $"{p}.rfm", errors);
                break;
            case Kind.ChurnRisk:
                Bounds(c.ChurnRisk.Risk, $"{p}.churn_risk.risk", 0, 100, errors);
                break;
            case Kind.Interactions:
                Interactions(c.Interactions, $"{p}.interactions", errors);
                break;
            case Kind.LastActivity:
                Bounds(c.LastActivity.DaysAgo, $"{p}.last_activity.days_ago", 0, MaxDays, errors);
                break;
            default:
                errors.AddViolation(p, "must set one condition kind");
                break;
        }
    }

    private static void Values(IList<string> values, string path, Func<string, bool> isValid, string description, BadRequestBuilder errors)
    {
        errors.AddViolationIf(values.Count is 0 or > MaxValues, path, $"must hold 1-{MaxValues} values");
        for (var i = 0; i < Math.Min(values.Count, MaxValues); i++)
        {
            errors.AddViolationIf(!isValid(values[i]), $"{path}[{i}]", description);
        }
    }

    private static void Bounds(Api.Bounds? bounds, string path, long least, long most, BadRequestBuilder errors)
    {
        if (bounds is null || (!bounds.HasMin && !bounds.HasMax))
        {
            errors.AddViolation(path, "must set min, max or both");
            return;
        }
        errors.AddViolationIf(bounds.HasMin && (bounds.Min < least || bounds.Min > most), $"{path}.min", $"must be between {least} and {most}")
            .AddViolationIf(bounds.HasMax && (bounds.Max < least || bounds.Max > most), $"{path}.max", $"must be between {least} and {most}")
            .AddViolationIf(bounds is { HasMin: true, HasMax: true } && bounds.Min > bounds.Max, $"{path}.min", "must not exceed max");
    }

    private static void Money(Api.MoneyCondition money, string path, BadRequestBuilder errors)
    {
        errors.AddViolationIf(!Currency().IsMatch(money.Currency), $"{path}.currency", "must be an ISO 4217 code such as EUR");
        Bounds(money.AmountMinor, $"{path}.amount_minor", 0, MaxAmountMinor, errors);
    }

    private static void Rfm(Api.RfmCondition rfm, string path, BadRequestBuilder errors)
    {
        errors.AddViolationIf(rfm.Recency is null && rfm.Frequency is null && rfm.Monetary is null, path, "must set recency, frequency or monetary");
        foreach (var (name, bounds) in new[] { ("recency", rfm.Recency), ("frequency", rfm.Frequency), ("monetary", rfm.Monetary) })
        {
            if (bounds is not null)
            {
                Bounds(bounds, $"{path}.{name}", 1, 5, errors);
            }
        }
    }

    private static void Interactions(Api.InteractionCondition condition, string path, BadRequestBuilder errors)
    {
        var isCustom = condition.Type == Api.InteractionType.Custom;
        errors.AddViolationIf(InteractionMapper.KindOf(condition.Type) is null, $"{path}.type", "must name an interaction type")
            .AddViolationIf(isCustom && !CustomType().IsMatch(condition.CustomType), $"{path}.custom_type", "is required for custom interactions: 1-64 of a-z 0-9 _")
            .AddViolationIf(!isCustom && condition.CustomType.Length > 0, $"{path}.custom_type", "is only for INTERACTION_TYPE_CUSTOM")
            .AddViolationIf(condition.WithinDays is < 0 or > MaxDays, $"{path}.within_days", $"must be between 0 and {MaxDays}");
        Bounds(condition.Count, $"{path}.count", 0, MaxCount, errors);
    }

    [GeneratedRegex(@"^([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}$")]
    private static partial Regex Domain();

    [GeneratedRegex(@"^\+[0-9]{1,15}$")]
    private static partial Regex PhonePrefix();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex ExternalSystem();

    [GeneratedRegex(@"^[A-Z]{3}$")]
    private static partial Regex Currency();

    [GeneratedRegex(@"^[a-z0-9_]{1,64}$")]
    private static partial Regex CustomType();
}
