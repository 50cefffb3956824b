using Lifecycle.Contacts.Data;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Lifecycle;

/// <summary>
/// Claims a named lease with one conditional UPDATE (free, expired, or already ours), so with several replicas
/// exactly one runs a scheduled job at a time; the row is created on first use.
/// </summary>
public sealed class SchedulerLeases(ContactsDbContext db, TimeProvider time)
{
    public async Task<bool> TryClaimAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.UtcNowMicroseconds();
        var expires = now + duration;
        var claimed = await db.SchedulerLeases
            .Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, expires), cancellationToken);
        if (claimed > 0)
        {
            return true;
        }
        if (await db.SchedulerLeases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }
        db.SchedulerLeases.Add(new SchedulerLease { Name = name, Holder = holder, ExpiresAt = expires });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another replica created the row first and holds the lease.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
