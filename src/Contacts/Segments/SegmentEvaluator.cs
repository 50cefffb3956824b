using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Data;
using Lifecycle.Contacts.Value;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Segments;

/// <summary>
/// Decides membership for a set of contacts in the database. SQL-only rules are one query; rules with value-fact
/// checks project each contact's SQL verdict and facts and finish in memory, batch by batch, so memory stays bounded.
/// </summary>
public sealed class SegmentEvaluator(ContactsDbContext db)
{
    public const int BatchSize = 500;

    /// <summary>A verdict for every contact of <paramref name="contacts"/> (a batch: the caller bounds its size).</summary>
    public async Task<List<SegmentVerdict>> DecideAsync(SegmentFilter filter, IQueryable<Contact> contacts, CancellationToken cancellationToken)
    {
        if (filter.IsSqlOnly)
        {
            var member = Predicates.Bind<Contact, SegmentVerdict>((c, match) => new SegmentVerdict(c.Id, c.Version, c.CreatedAt, c.ErasedAt == null && match), filter.Sql);
            return await contacts.AsNoTracking().Select(member).ToListAsync(cancellationToken);
        }
        var refunded = db.Orders.Where(o => o.RefundedMinor > 0);
        var row = Predicates.Bind<Contact, FactsRow>((c, match) => new FactsRow(
            c.Id, c.Version, c.CreatedAt, c.ErasedAt == null, match, c.Stage, c.Activity.LastActivityAt, c.Activity.PaidOrderCount, c.Activity.RevenueMinor,
            c.Activity.FirstPurchaseAt, c.Activity.LastPurchaseAt, refunded.Count(o => o.ContactId == c.Id)), filter.Sql);
        var rows = await contacts.AsNoTracking().Select(row).ToListAsync(cancellationToken);
        return rows.Select(r => new SegmentVerdict(r.Id, r.Version, r.CreatedAt, r.NotErased && filter.Matches(r.SqlMatch, r.Facts))).ToList();
    }

    /// <summary>Every contact in id order, one bounded batch at a time (keyset paging: later batches never shift).</summary>
    public async IAsyncEnumerable<List<SegmentVerdict>> DecideAllAsync(SegmentFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = Guid.Empty;
        while (true)
        {
            var from = after;
            var batch = db.Contacts.Where(c => c.Id.CompareTo(from) > 0).OrderBy(c => c.Id).Take(BatchSize);
            var verdicts = await DecideAsync(filter, batch, cancellationToken);
            if (verdicts.Count > 0)
            {
                yield return verdicts;
            }
            if (verdicts.Count < BatchSize)
            {
                yield break;
            }
            // The database's id order, not Guid.CompareTo's: the projection keeps the query's order.
            after = verdicts[^1].ContactId;
        }
    }

    /// <summary>How many contacts the filter selects and the newest <paramref name="sampleSize"/> of them.</summary>
    public async Task<(int Count, List<Guid> Sample)> CountAndSampleAsync(SegmentFilter filter, int sampleSize, CancellationToken cancellationToken)
    {
        if (filter.IsSqlOnly)
        {
            var members = db.Contacts.Where(c => c.ErasedAt == null).Where(filter.Sql);
            var count = await members.CountAsync(cancellationToken);
            var sample = await members.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(sampleSize).Select(c => c.Id).ToListAsync(cancellationToken);
            return (count, sample);
        }
        var total = 0;
        var newest = new List<SegmentVerdict>();
        await foreach (var verdicts in DecideAllAsync(filter, cancellationToken))
        {
            var matched = verdicts.Where(v => v.Member).ToList();
            total += matched.Count;
            newest = [.. newest.Concat(matched).OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.ContactId).Take(sampleSize)];
        }
        return (total, newest.Select(v => v.ContactId).ToList());
    }

    private sealed record FactsRow(
        Guid Id, long Version, DateTime CreatedAt, bool NotErased, bool SqlMatch, string Stage, DateTime LastActivityAt, int PaidOrderCount,
        long RevenueMinor, DateTime? FirstPurchaseAt, DateTime? LastPurchaseAt, int RefundedOrderCount)
    {
        public ValueFacts Facts => new(Stage, LastActivityAt, PaidOrderCount, RevenueMinor, FirstPurchaseAt, LastPurchaseAt, RefundedOrderCount);
    }
}
