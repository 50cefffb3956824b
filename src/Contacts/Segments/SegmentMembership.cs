using Lifecycle.Contacts.Data;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Segments;

/// <summary>
/// Brings stored membership in line with fresh verdicts: rows added and removed, with SegmentMembershipChanged staged
/// in the outbox in the same unit of work. The (segment, contact) key means a join committed twice by racing
/// evaluations fails one of them, so each change is published once.
/// </summary>
public sealed class SegmentMembership(ContactsDbContext db, IEventPublisher events, TimeProvider time)
{
    /// <summary>Stages the changes for the verdicts' contacts (tracked; the caller saves). Returns joined and left counts.</summary>
    public async Task<(int Joined, int Left)> ApplyAsync(SegmentRecord segment, IReadOnlyCollection<SegmentVerdict> verdicts, CancellationToken cancellationToken)
    {
        var ids = verdicts.Select(v => v.ContactId).ToList();
        var current = await db.SegmentMembers.Where(m => m.SegmentId == segment.Id && ids.Contains(m.ContactId)).ToDictionaryAsync(m => m.ContactId, cancellationToken);
        var now = time.UtcNowMicroseconds();
        var (joined, left) = (0, 0);
        foreach (var verdict in verdicts)
        {
            var isMember = current.TryGetValue(verdict.ContactId, out var row);
            if (verdict.Member && !isMember)
            {
                db.SegmentMembers.Add(new SegmentMemberRecord { SegmentId = segment.Id, ContactId = verdict.ContactId, Since = now });
                Publish(segment, verdict, joined: true, now);
                joined++;
            }
            else if (!verdict.Member && row is not null)
            {
                db.SegmentMembers.Remove(row);
                Publish(segment, verdict, joined: false, now);
                left++;
            }
        }
        return (joined, left);
    }

    private void Publish(SegmentRecord segment, SegmentVerdict verdict, bool joined, DateTime now) =>
        events.Publish(new SegmentMembershipChanged
        {
            AggregateId = verdict.ContactId.ToString(),
            AggregateVersion = verdict.Version,
            OccurredAt = now,
            ContactId = verdict.ContactId.ToString(),
            SegmentId = segment.Id.ToString(),
            SegmentName = segment.Name,
            Joined = joined,
        });
}
