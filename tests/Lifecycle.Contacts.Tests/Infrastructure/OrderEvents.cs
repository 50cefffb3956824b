using Lifecycle.Contracts.Events;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Contacts.Tests.Infrastructure;

/// <summary>Publishes order events on the real broker the way the orders service's outbox does (message id = event id).</summary>
public static class OrderEvents
{
    public static OrderPaid Paid(string contactId, long amountMinor = 4999, string? orderId = null) => new()
    {
        AggregateId = orderId ?? $"order-{Guid.NewGuid():N}",
        AggregateVersion = 2,
        ContactId = contactId,
        AmountMinor = amountMinor,
        Currency = "EUR",
    };

    public static Task PublishAsync<T>(this ContactsHost host, T integrationEvent)
        where T : IntegrationEvent =>
        host.Services.GetRequiredService<IBus>().Publish(integrationEvent, context => context.MessageId = integrationEvent.EventId);
}
