using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Inbox;

namespace Lifecycle.Messaging.Bench;

/// <summary>Applies an OrderPaid as a real consumer would: one row, committed with the inbox row.</summary>
public sealed class AppliedHandler(BenchDbContext db) : IIntegrationEventHandler<OrderPaid>
{
    public Task HandleAsync(OrderPaid integrationEvent, CancellationToken cancellationToken)
    {
        db.Add(new Applied { EventId = integrationEvent.EventId });
        return Task.CompletedTask;
    }
}
