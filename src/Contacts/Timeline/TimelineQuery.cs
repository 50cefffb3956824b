using Lifecycle.Contacts.Data;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Timeline;

/// <summary>
/// Reads the first rows of a contact's timeline. Each source is read already sorted and cut at <c>take</c> rows, so
/// the merge never needs more than that from any of them. Rows of one source with equal times keep the database's
/// id order (the merge sort is stable), so every page cuts them the same way.
/// </summary>
public sealed class TimelineQuery(ContactsDbContext db)
{
    public async Task<List<TimelineItem>> ReadAsync(Guid contactId, bool newestFirst, int take, CancellationToken cancellationToken)
    {
        var interactions = db.Interactions.AsNoTracking().Where(i => i.ContactId == contactId);
        var transitions = db.StageTransitions.AsNoTracking().Where(t => t.ContactId == contactId);
        var orders = db.Orders.AsNoTracking().Where(o => o.ContactId == contactId);
        var items = new List<TimelineItem>();
        items.AddRange((await (newestFirst
                ? interactions.OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id)
                : interactions.OrderBy(i => i.OccurredAt).ThenBy(i => i.Id))
            .Take(take).ToListAsync(cancellationToken)).Select(TimelineMapper.ToItem));
        items.AddRange((await (newestFirst
                ? transitions.OrderByDescending(t => t.OccurredAt).ThenByDescending(t => t.Id)
                : transitions.OrderBy(t => t.OccurredAt).ThenBy(t => t.Id))
            .Take(take).ToListAsync(cancellationToken)).Select(TimelineMapper.ToItem));
        items.AddRange((await (newestFirst
                ? orders.OrderByDescending(o => o.PaidAt ?? o.UpdatedAt).ThenByDescending(o => o.OrderId)
                : orders.OrderBy(o => o.PaidAt ?? o.UpdatedAt).ThenBy(o => o.OrderId))
            .Take(take).ToListAsync(cancellationToken)).Select(TimelineMapper.ToItem));
        var merged = newestFirst
            ? items.OrderByDescending(i => i.At).ThenByDescending(i => i.KindRank)
            : items.OrderBy(i => i.At).ThenBy(i => i.KindRank);
        return [.. merged.Take(take)];
    }
}
