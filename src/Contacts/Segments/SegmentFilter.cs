using System.Linq.Expressions;
using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Value;

namespace Lifecycle.Contacts.Segments;

/// <summary>
/// Rules compiled for one evaluation: the conditions SQL can decide as one predicate, and the few it cannot (churn
/// risk, whose "usual gap" needs date arithmetic no provider-neutral LINQ has) as checks over the contact's value
/// facts. Erased contacts are excluded by the evaluator, not here.
/// </summary>
public sealed record SegmentFilter(bool MatchAny, Expression<Func<Contact, bool>> Sql, IReadOnlyList<Func<ValueFacts, bool>> FactChecks)
{
    /// <summary>True when SQL alone decides membership, so counts and samples are single queries.</summary>
    public bool IsSqlOnly => FactChecks.Count == 0;

    public bool Matches(bool sqlMatch, ValueFacts facts) =>
        MatchAny ? sqlMatch || FactChecks.Any(check => check(facts)) : sqlMatch && FactChecks.All(check => check(facts));
}
