using Lifecycle.Contacts.Data;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Segments;

/// <summary>Re-evaluates changed contacts against every segment in one unit of work (membership rows and events).</summary>
public sealed class ContactSegmentRefresh(ContactsDbContext db, SegmentRuleCompiler compiler, SegmentEvaluator evaluator, SegmentMembership membership)
{
    public async Task<(int Joined, int Left)> RunAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken)
    {
        var ids = contactIds.ToList();
        var segments = await db.Segments.AsNoTracking().ToListAsync(cancellationToken);
        if (segments.Count == 0)
        {
            // Nothing to decide: no save (a change detection and the save interceptors) after every consumer batch.
            return (0, 0);
        }
        for (var attempt = 1; ; attempt++)
        {
            var (joined, left) = (0, 0);
            foreach (var segment in segments)
            {
                var verdicts = await evaluator.DecideAsync(await compiler.CompileAsync(SegmentMapper.RulesOf(segment), cancellationToken), db.Contacts.Where(c => ids.Contains(c.Id)), cancellationToken);
                var (j, l) = await membership.ApplyAsync(segment, verdicts, cancellationToken);
                (joined, left) = (joined + j, left + l);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (joined, left);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another replica or a segment evaluation changed the same memberships first: decide again.
                db.ChangeTracker.Clear();
            }
        }
    }
}
