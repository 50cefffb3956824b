using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.TestDispatcher.Model;

namespace Lifecycle.Messaging.Tests.Handlers;

/// <summary>Whether the poison bug is still "deployed"; turning it off models the fix before a replay.</summary>
public sealed class PoisonSwitch
{
    public volatile bool Enabled = true;
}

/// <summary>Fails every attempt on a cancellation with reason "poison" while the switch is on; applies the rest.</summary>
public sealed class PoisonSensitiveHandler(TestDbContext db, PoisonSwitch poison) : IIntegrationEventHandler<OrderCancelled>
{
    public const string PoisonReason = "poison";

    public Task HandleAsync(OrderCancelled integrationEvent, CancellationToken cancellationToken)
    {
        if (poison.Enabled && integrationEvent.Reason == PoisonReason)
        {
            throw new InvalidDataException("cannot process this cancellation");
        }
        db.Effects.Add(new Effect { EventId = integrationEvent.EventId, AggregateId = integrationEvent.AggregateId, Consumer = "poison-sensitive" });
        return Task.CompletedTask;
    }
}
