using Lifecycle.Contacts.Data;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Segments;

/// <summary>
/// Evaluates every contact against one segment's rules (after creation, a rule change, or in the scheduled sweep),
/// committing one batch at a time so a segment of any size never sits in memory or in one transaction.
/// </summary>
public sealed class SegmentEvaluation(ContactsDbContext db, SegmentRuleCompiler compiler, SegmentEvaluator evaluator, SegmentMembership membership, TimeProvider time, ILogger<SegmentEvaluation> logger)
{
    /// <summary>Returns how many contacts joined and left; nothing for a segment deleted meanwhile.</summary>
    public async Task<(int Joined, int Left)> RunAsync(Guid segmentId, CancellationToken cancellationToken)
    {
        var segment = await db.Segments.AsNoTracking().SingleOrDefaultAsync(s => s.Id == segmentId, cancellationToken);
        if (segment is null)
        {
            return (0, 0);
        }
        var startedAt = time.UtcNowMicroseconds();
        var filter = await compiler.CompileAsync(SegmentMapper.RulesOf(segment), cancellationToken);
        var (joined, left) = (0, 0);
        await foreach (var verdicts in evaluator.DecideAllAsync(filter, cancellationToken))
        {
            var (j, l) = await ApplyAsync(segment, filter, verdicts, cancellationToken);
            (joined, left) = (joined + j, left + l);
        }
        // A rules change racing this pass bumps the version: only the evaluation of the rules in force is recorded.
        await db.Segments.Where(s => s.Id == segment.Id && s.Version == segment.Version)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EvaluatedAt, startedAt), cancellationToken);
        if (joined + left > 0)
        {
            logger.LogInformation("Segment {SegmentId} evaluated: {Joined} joined, {Left} left", segment.Id, joined, left);
        }
        return (joined, left);
    }

    private async Task<(int Joined, int Left)> ApplyAsync(SegmentRecord segment, SegmentFilter filter, List<SegmentVerdict> verdicts, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var changes = await membership.ApplyAsync(segment, verdicts, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return changes;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // A per-contact refresh changed some of these rows first: decide the batch again on fresh data.
                db.ChangeTracker.Clear();
                var ids = verdicts.Select(v => v.ContactId).ToList();
                verdicts = await evaluator.DecideAsync(filter, db.Contacts.Where(c => ids.Contains(c.Id)), cancellationToken);
            }
        }
    }
}
