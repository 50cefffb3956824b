using Lifecycle.Messaging.Outbox;
using Lifecycle.Orders.Carts;
using Lifecycle.Orders.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifecycle.Orders.AbandonedCarts;

/// <summary>
/// One pass of abandoned-cart detection: every open cart with items whose last activity is older than the window and
/// that was not reported for this period of inactivity gets CartAbandoned, once. Each cart is claimed by a conditional
/// update of its version together with the event, so replicas sweeping at the same time never report a cart twice,
/// and a customer edit racing the claim wins (the cart is active again); the event commits with the claim.
/// </summary>
public sealed class AbandonedCartSweep(OrdersDbContext db, IEventPublisher events, IOptions<OrdersOptions> options, TimeProvider time, ILogger<AbandonedCartSweep> logger)
{
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        var cutoff = now - options.Value.AbandonedCartWindow;
        var batchSize = options.Value.AbandonedCartBatchSize;
        var reported = 0;
        var skipped = new HashSet<Guid>();
        while (true)
        {
            var batch = await db.Carts.Include(c => c.Items)
                .Where(c => c.Status == CartStatus.Open && c.AbandonedAt == null && c.LastActivityAt <= cutoff && c.Items.Any())
                .Where(c => !skipped.Contains(c.Id))
                .OrderBy(c => c.LastActivityAt).Take(batchSize).AsNoTracking().AsSplitQuery().ToListAsync(cancellationToken);
            foreach (var cart in batch)
            {
                if (await TryClaimAsync(cart, now, cancellationToken)) { reported++; } else { skipped.Add(cart.Id); }
            }
            if (batch.Count < batchSize)
            {
                return reported;
            }
        }
    }

    private async Task<bool> TryClaimAsync(Cart cart, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The claim: only the version this pass read, still unreported. Another replica's claim or a customer's edit
        // since then changed the version, so this matches no row and the cart is not ours to report now.
        var claimed = await db.Carts
            .Where(c => c.Id == cart.Id && c.Version == cart.Version && c.AbandonedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.AbandonedAt, now).SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }
        cart.Version++;
        events.Publish(CartEvents.Abandoned(cart, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Cart {CartId} of {ContactId} abandoned", cart.Id, cart.ContactId);
        return true;
    }
}
