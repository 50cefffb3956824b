using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Persistence;
using Lifecycle.Messaging.Telemetry;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Messaging.Inbox;

/// <summary>
/// Runs a handler exactly once in effect per message: the inbox row (message id + consumer) and the handler's
/// changes commit in one transaction; a message whose row already exists is acknowledged without effect.
/// A first delivery goes to the queue's <see cref="InboxBatcher{TDbContext, TEvent, THandler}"/>, which commits it
/// together with the other messages being consumed at the same time; when that batch fails, and on every retry, the
/// message is processed alone here. Exceptions propagate, so MassTransit retries with backoff and finally moves the
/// message to _error.
/// The DbContext and the handler are resolved from MassTransit's consume scope only on that one-by-one path: a
/// delivery the batch applies (almost all of them) never constructs either, since the batch brings its own scope.
/// </summary>
public sealed class InboxConsumer<TDbContext, TEvent, THandler>(
    IServiceProvider scope,
    InboxConsumerName<THandler> name,
    InboxBatcher<TDbContext, TEvent, THandler> batcher,
    SqliteWriteGate gate,
    TimeProvider time,
    ILogger<InboxConsumer<TDbContext, TEvent, THandler>> logger) : IConsumer<TEvent>
    where TDbContext : DbContext
    where TEvent : IntegrationEvent
    where THandler : class, IIntegrationEventHandler<TEvent>
{
    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var messageId = context.MessageId ?? context.Message.EventId;
        var traceParent = context.Headers.Get<string>(MessagingTelemetry.TraceParentHeader);
        var traceState = context.Headers.Get<string>(MessagingTelemetry.TraceStateHeader);
        if (batcher.Enabled && context.GetRetryAttempt() == 0)
        {
            var outcome = await batcher.ApplyAsync(new InboxDelivery<TEvent>(messageId, context.Message, traceParent, traceState));
            if (outcome != InboxOutcome.ProcessAlone)
            {
                return;
            }
        }
        await ConsumeAloneAsync(context.Message, messageId, traceParent, traceState, context.CancellationToken);
    }

    private async Task ConsumeAloneAsync(TEvent message, Guid messageId, string? traceParent, string? traceState, CancellationToken cancellationToken)
    {
        using var activity = MessagingTelemetry.StartConsume(name.Value, traceParent, traceState);
        var db = scope.GetRequiredService<TDbContext>();
        var handler = scope.GetRequiredService<THandler>();

        // A retry may reuse this scope's DbContext: drop whatever the failed attempt left tracked.
        db.ChangeTracker.Clear();
        if (await AlreadyProcessedAsync(db, messageId, cancellationToken))
        {
            logger.LogInformation("{Consumer} already processed message {MessageId}; acknowledging without effect", name.Value, messageId);
            return;
        }

        // SQLite: one inbox transaction at a time in this process (see SqliteWriteGate); other providers pass.
        using (await gate.EnterAsync(db, cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The inbox row first, as in a batch: nothing inserted means a concurrent delivery of this message
            // committed meanwhile (PostgreSQL waits for it), and the transaction is rolled back without effect.
            var inserted = await InboxInsert.InsertNewAsync(db, name.Value, [messageId], time.GetUtcNow().UtcDateTime, cancellationToken);
            if (inserted.Count == 0)
            {
                logger.LogInformation("{Consumer} lost the race for message {MessageId} to a concurrent delivery; acknowledging", name.Value, messageId);
                return;
            }
            await handler.HandleAsync(message, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private Task<bool> AlreadyProcessedAsync(TDbContext db, Guid messageId, CancellationToken cancellationToken) =>
        db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId && m.Consumer == name.Value, cancellationToken);
}
