using Lifecycle.Messaging.Configuration;
using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifecycle.Messaging.Outbox;

/// <summary>Deletes sent outbox rows and inbox rows older than their retention periods.</summary>
internal sealed class OutboxPruner<TDbContext>(
    IServiceScopeFactory scopes,
    IOptions<OutboxOptions> options,
    SqliteWriteGate gate,
    TimeProvider time,
    ILogger<OutboxPruner<TDbContext>> logger)
    where TDbContext : DbContext
{
    public async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var sentBefore = now - options.Value.SentRetention;
        var processedBefore = now - options.Value.InboxRetention;

        using var writing = await gate.EnterAsync(db, cancellationToken);
        var outbox = await db.Set<OutboxMessage>()
            .Where(m => m.SentAt != null && m.SentAt < sentBefore)
            .ExecuteDeleteAsync(cancellationToken);
        var inbox = await db.Set<InboxMessage>()
            .Where(m => m.ProcessedAt < processedBefore)
            .ExecuteDeleteAsync(cancellationToken);
        if (outbox + inbox > 0)
        {
            logger.LogInformation("Pruned {OutboxRows} sent outbox rows and {InboxRows} inbox rows", outbox, inbox);
        }
    }
}
