using Lifecycle.Contacts.Data;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Segments;

/// <summary>
/// One scheduled pass: every segment evaluated against every contact, so time-relative rules ("no purchase in 90
/// days") turn true without any event, and a refresh lost to a crash after a commit is repaired.
/// </summary>
public sealed class SegmentSweep(ContactsDbContext db, SegmentEvaluation evaluation)
{
    /// <summary>Returns how many memberships changed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var ids = await db.Segments.AsNoTracking().OrderBy(s => s.CreatedAt).Select(s => s.Id).ToListAsync(cancellationToken);
        // Rows a refresh added while their segment was being deleted.
        await db.SegmentMembers.Where(m => !db.Segments.Any(s => s.Id == m.SegmentId)).ExecuteDeleteAsync(cancellationToken);
        var changed = 0;
        foreach (var id in ids)
        {
            var (joined, left) = await evaluation.RunAsync(id, cancellationToken);
            changed += joined + left;
        }
        return changed;
    }
}
