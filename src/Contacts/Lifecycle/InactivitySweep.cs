using Lifecycle.Contacts.Data;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Lifecycle;

/// <summary>
/// One pass of the time-based rules: every contact idle past the shortest inactivity window is offered an
/// InactivitySignal. Each contact commits alone under its version check, so a pass racing another (after a lease
/// expired mid-pass) can never move one contact twice.
/// </summary>
public sealed class InactivitySweep(ContactsDbContext db, StageModelStore models, StageMover mover, TimeProvider time, ILogger<InactivitySweep> logger)
{
    private const int BatchSize = 200;

    /// <summary>Returns how many contacts moved.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var (model, _) = await models.GetAsync(cancellationToken);
        var rules = model.Rules.Where(r => r.Trigger == RuleTrigger.Inactivity).ToList();
        if (rules.Count == 0)
        {
            return 0;
        }
        var now = time.UtcNowMicroseconds();
        var idleSince = now - TimeSpan.FromDays(rules.Min(r => r.InactiveDays));
        var moved = 0;
        var after = Guid.Empty;
        while (true)
        {
            // Keyset batches by id: contacts moved in this pass leave the candidate set without shifting later batches.
            var batch = await db.Contacts.Where(c => c.Activity.LastActivityAt <= idleSince && c.Id.CompareTo(after) > 0)
                .OrderBy(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var contact in batch)
            {
                moved += await TryMoveAsync(model, contact, now, cancellationToken) ? 1 : 0;
            }
            if (batch.Count < BatchSize)
            {
                return moved;
            }
            after = batch[^1].Id;
            db.ChangeTracker.Clear();
        }
    }

    private async Task<bool> TryMoveAsync(StageModel model, Contacts.Contact contact, DateTime now, CancellationToken cancellationToken)
    {
        if (StageEngine.Decide(model, contact.Stage, new InactivitySignal(now - contact.Activity.LastActivityAt)) is not { } decision)
        {
            return false;
        }
        mover.Apply(decision, contact);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // The contact changed meanwhile (new activity, another pass); the next pass decides again on fresh data.
            logger.LogInformation("Inactivity move of {ContactId} skipped: changed concurrently", contact.Id);
            db.Entry(contact).State = EntityState.Detached;
            return false;
        }
    }
}
