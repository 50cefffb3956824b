using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.TestDispatcher.Model;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.Tests.Handlers;

/// <summary>
/// Reads before it writes: records how many effects it had already applied as this one's ordinal. Applied one after
/// another, the ordinals are 0, 1, 2 …; a handler that did not see the earlier effects would repeat one.
/// </summary>
public sealed class CountingHandler(TestDbContext db) : IIntegrationEventHandler<ContactUpdated>
{
    public const string Consumer = "counting";

    public async Task HandleAsync(ContactUpdated integrationEvent, CancellationToken cancellationToken)
    {
        var ordinal = await db.Effects.CountAsync(e => e.Consumer == Consumer, cancellationToken);
        db.Effects.Add(new Effect { EventId = integrationEvent.EventId, AggregateId = $"{ordinal}", Consumer = Consumer });
    }
}
