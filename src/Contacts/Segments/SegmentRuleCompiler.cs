using System.Linq.Expressions;
using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Data;
using Lifecycle.Contacts.Interactions;
using Lifecycle.Contacts.Lifecycle;
using Lifecycle.Contacts.Value;
using Api = Lifecycle.Contracts.Contacts.V1;
using Kind = Lifecycle.Contracts.Contacts.V1.SegmentCondition.KindOneofCase;

namespace Lifecycle.Contacts.Segments;

/// <summary>
/// Turns validated segment rules into a <see cref="SegmentFilter"/> as of now: each condition becomes a LINQ
/// predicate EF Core translates on SQLite and PostgreSQL (time-relative ones against cut-off times computed here).
/// </summary>
public sealed class SegmentRuleCompiler(ContactsDbContext db, CustomerValueCalculator calculator, StageModelStore models, TimeProvider time)
{
    public async Task<SegmentFilter> CompileAsync(Api.SegmentRules rules, CancellationToken cancellationToken)
    {
        // Churn risk depends on which stages the model in force calls at risk or churned; only read it when needed.
        var roles = rules.Conditions.Any(c => c.KindCase == Kind.ChurnRisk)
            ? StageRoles.Of((await models.GetAsync(cancellationToken)).Model)
            : null;
        var now = time.UtcNowMicroseconds();
        var sql = new List<Expression<Func<Contact, bool>>>();
        var factChecks = new List<Func<ValueFacts, bool>>();
        foreach (var condition in rules.Conditions)
        {
            if (condition.KindCase == Kind.ChurnRisk)
            {
                var (min, max) = Limits(condition.ChurnRisk.Risk);
                factChecks.Add(facts => calculator.Calculate(facts, roles!).ChurnRisk is var risk && risk >= min && risk <= max);
            }
            else
            {
                sql.Add(ToSql(condition, now));
            }
        }
        var any = rules.Match == Api.SegmentMatch.Any;
        return new SegmentFilter(any, any ? Predicates.AnyOf(sql) : Predicates.AllOf(sql), factChecks);
    }

    private Expression<Func<Contact, bool>> ToSql(Api.SegmentCondition condition, DateTime now) => condition.KindCase switch
    {
        Kind.Attribute => Attribute(condition.Attribute),
        Kind.Locale => Predicates.AnyOf(condition.Locale.Locales.Select(Locale)),
        Kind.EmailDomain => Predicates.AnyOf(condition.EmailDomain.Domains.Select(EmailDomain)),
        Kind.PhonePrefix => Predicates.AnyOf(condition.PhonePrefix.Prefixes.Select(PhonePrefix)),
        Kind.ExternalId => ExternalId(condition.ExternalId.System),
        Kind.Created => Select(c => c.CreatedAt).Where(DaysAgo(condition.Created.DaysAgo, now)),
        Kind.StageIn => StageIn([.. condition.StageIn.Stages]),
        Kind.DaysInStage => Select(c => c.StageSince).Where(DaysAgo(condition.DaysInStage.Days, now)),
        Kind.Consent => Consent(condition.Consent),
        Kind.Revenue => InCurrency(condition.Revenue.Currency).And(Select(c => c.Activity.RevenueMinor).Where(Between(condition.Revenue.AmountMinor))),
        Kind.AverageOrder => InCurrency(condition.AverageOrder.Currency).And(AverageOrder(condition.AverageOrder.AmountMinor)),
        Kind.OrderCount => Select(c => (long)c.Activity.PaidOrderCount).Where(Between(condition.OrderCount.Count)),
        Kind.LastPurchase => Select(c => c.Activity.LastPurchaseAt).Where(DaysAgoIfAny(condition.LastPurchase.DaysAgo, now)),
        Kind.Rfm => Rfm(condition.Rfm, now),
        Kind.Interactions => Interactions(condition.Interactions, now),
        Kind.LastActivity => Select(c => c.Activity.LastActivityAt).Where(DaysAgo(condition.LastActivity.DaysAgo, now)),
        _ => throw new ArgumentException($"Condition kind {condition.KindCase} was not validated away", nameof(condition)),
    };

    private static Expression<Func<Contact, T>> Select<T>(Expression<Func<Contact, T>> selector) => selector;

    private static Expression<Func<Contact, bool>> Attribute(Api.AttributeCondition condition)
    {
        var values = condition.Values.Select(v => v.Trim().ToLowerInvariant()).ToList();
        Expression<Func<Contact, string?>> attribute = condition.Attribute switch
        {
            Api.ContactAttribute.AcquisitionSource => c => c.Acquisition.Source,
            Api.ContactAttribute.AcquisitionChannel => c => c.Acquisition.Channel,
            Api.ContactAttribute.AcquisitionCampaign => c => c.Acquisition.Campaign,
            Api.ContactAttribute.UtmSource => c => c.Acquisition.UtmSource,
            Api.ContactAttribute.UtmMedium => c => c.Acquisition.UtmMedium,
            Api.ContactAttribute.UtmCampaign => c => c.Acquisition.UtmCampaign,
            Api.ContactAttribute.Company => c => c.Company,
            _ => throw new ArgumentException($"Attribute {condition.Attribute} was not validated away", nameof(condition)),
        };
        return attribute.Where(value => value != null && values.Contains(value.ToLower()));
    }

    private static Expression<Func<Contact, bool>> Locale(string locale)
    {
        var exact = locale.ToLowerInvariant();
        var prefix = exact + "-";
        return c => c.Locale != null && (c.Locale.ToLower() == exact || c.Locale.ToLower().StartsWith(prefix));
    }

    private static Expression<Func<Contact, bool>> EmailDomain(string domain)
    {
        var suffix = "@" + domain.Trim().ToLowerInvariant();
        return c => c.EmailNormalized.EndsWith(suffix);
    }

    private static Expression<Func<Contact, bool>> PhonePrefix(string prefix) => c => c.Phone != null && c.Phone.StartsWith(prefix);

    /// <summary>External ids are one JSON column; system names are validated to characters JSON never escapes.</summary>
    private static Expression<Func<Contact, bool>> ExternalId(string system)
    {
        if (system.Length == 0)
        {
            return c => c.ExternalIdsJson != "[]";
        }
        var fragment = $"\"system\":\"{system}\"";
        return c => c.ExternalIdsJson.Contains(fragment);
    }

    private static Expression<Func<Contact, bool>> StageIn(List<string> stages) => c => stages.Contains(c.Stage);

    private static Expression<Func<Contact, bool>> Consent(Api.ConsentCondition condition)
    {
        var channel = ConsentChannels.NameOf(condition.Channel);
        Expression<Func<Contact, bool>> granted = c => c.Consents.Any(x => x.Channel == channel && x.Granted);
        return condition.Granted ? granted : c => !c.Consents.Any(x => x.Channel == channel && x.Granted);
    }

    /// <summary>A contact without orders has no currency yet and 0 revenue, which is 0 in any currency.</summary>
    private static Expression<Func<Contact, bool>> InCurrency(string currency) => c => c.Activity.Currency == null || c.Activity.Currency == currency;

    /// <summary>Average order = revenue / paid orders, rounded down (0 without orders), compared without division.</summary>
    private static Expression<Func<Contact, bool>> AverageOrder(Api.Bounds bounds)
    {
        var (min, max) = Limits(bounds);
        var above = max == long.MaxValue ? long.MaxValue : max + 1;
        Expression<Func<Contact, bool>> atLeast = min <= 0 ? Predicates.True<Contact>() : c => c.Activity.PaidOrderCount > 0 && c.Activity.RevenueMinor >= min * c.Activity.PaidOrderCount;
        Expression<Func<Contact, bool>> atMost = bounds.HasMax ? c => c.Activity.PaidOrderCount == 0 || c.Activity.RevenueMinor < above * c.Activity.PaidOrderCount : Predicates.True<Contact>();
        return atLeast.And(atMost);
    }

    /// <summary>RFM score ranges as the value ranges the fixed bands of <see cref="ValueScoreBands"/> give them.</summary>
    private static Expression<Func<Contact, bool>> Rfm(Api.RfmCondition rfm, DateTime now)
    {
        var parts = new List<Expression<Func<Contact, bool>>>();
        if (rfm.Recency is { } recency)
        {
            var (min, max) = Limits(recency);
            if (min >= 2)
            {
                var since = now.AddDays(-ValueScoreBands.RecencyMaxDays[(int)min]);
                parts.Add(c => c.Activity.LastPurchaseAt != null && c.Activity.LastPurchaseAt >= since);
            }
            if (max <= 4)
            {
                var before = now.AddDays(-ValueScoreBands.RecencyMaxDays[(int)max + 1]);
                parts.Add(c => c.Activity.LastPurchaseAt == null || c.Activity.LastPurchaseAt < before);
            }
        }
        if (rfm.Frequency is { } frequency)
        {
            var (min, max) = Limits(frequency);
            var least = ValueScoreBands.FrequencyMinOrders[(int)Math.Max(min, 1)];
            var below = max <= 4 ? ValueScoreBands.FrequencyMinOrders[(int)max + 1] : int.MaxValue;
            parts.Add(c => c.Activity.PaidOrderCount >= least && c.Activity.PaidOrderCount < below);
        }
        if (rfm.Monetary is { } monetary)
        {
            var (min, max) = Limits(monetary);
            var least = min >= 2 ? ValueScoreBands.MonetaryMinRevenue[(int)min] : long.MinValue;
            var below = max <= 4 ? ValueScoreBands.MonetaryMinRevenue[(int)max + 1] : long.MaxValue;
            parts.Add(c => c.Activity.RevenueMinor >= least && c.Activity.RevenueMinor < below);
        }
        return Predicates.AllOf(parts);
    }

    private Expression<Func<Contact, bool>> Interactions(Api.InteractionCondition condition, DateTime now)
    {
        var kind = InteractionMapper.KindOf(condition.Type)!;
        var matching = db.Interactions.Where(i => i.Kind == kind);
        if (condition.Type == Api.InteractionType.Custom)
        {
            var customType = condition.CustomType;
            matching = matching.Where(i => i.CustomType == customType);
        }
        if (condition.WithinDays > 0)
        {
            var since = now.AddDays(-condition.WithinDays);
            matching = matching.Where(i => i.OccurredAt >= since);
        }
        // EF Core inlines the captured query as a correlated subquery.
        return Select(c => (long)matching.Count(i => i.ContactId == c.Id)).Where(Between(condition.Count));
    }

    private static Expression<Func<long, bool>> Between(Api.Bounds bounds)
    {
        var (min, max) = Limits(bounds);
        return value => value >= min && value <= max;
    }

    /// <summary>"days_ago min N": at least N days before now; "max N": at most N days before now.</summary>
    private static Expression<Func<DateTime, bool>> DaysAgo(Api.Bounds bounds, DateTime now)
    {
        var tests = new List<Expression<Func<DateTime, bool>>>();
        if (bounds.HasMin)
        {
            var latest = now.AddDays(-bounds.Min);
            tests.Add(at => at <= latest);
        }
        if (bounds.HasMax)
        {
            var earliest = now.AddDays(-bounds.Max);
            tests.Add(at => at >= earliest);
        }
        return Predicates.AllOf(tests);
    }

    /// <summary>As <see cref="DaysAgo"/>, and never true for a time that is not there (a contact that never bought).</summary>
    private static Expression<Func<DateTime?, bool>> DaysAgoIfAny(Api.Bounds bounds, DateTime now)
    {
        var latest = bounds.HasMin ? now.AddDays(-bounds.Min) : now.AddDays(1);
        var earliest = bounds.HasMax ? now.AddDays(-bounds.Max) : DateTime.UnixEpoch;
        return at => at != null && at <= latest && at >= earliest;
    }

    private static (long Min, long Max) Limits(Api.Bounds bounds) =>
        (bounds.HasMin ? bounds.Min : long.MinValue, bounds.HasMax ? bounds.Max : long.MaxValue);
}
