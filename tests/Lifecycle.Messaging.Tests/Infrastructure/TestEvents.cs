using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Outbox;

namespace Lifecycle.Messaging.Tests.Infrastructure;

/// <summary>Small factories so tests say what matters about an event and nothing else.</summary>
public static class TestEvents
{
    public static ContactCreated Contact(string? id = null) => new()
    {
        AggregateId = id ?? $"contact-{Guid.NewGuid():N}",
        AggregateVersion = 1,
        Email = "someone@example.test",
    };

    public static OrderPaid Paid(string? orderId = null) => new()
    {
        AggregateId = orderId ?? $"order-{Guid.NewGuid():N}",
        AggregateVersion = 2,
        ContactId = "contact-1",
        AmountMinor = 1999,
        Currency = "EUR",
    };

    public static OrderCancelled Cancelled(string reason) => new()
    {
        AggregateId = $"order-{Guid.NewGuid():N}",
        AggregateVersion = 3,
        ContactId = "contact-1",
        Reason = reason,
    };

    /// <summary>
    /// The outbox row <c>Publish</c> would store for <paramref name="contact"/>, but holding <paramref name="payload"/>
    /// as its JSON: with a payload that is no event, a row the relay fails on and retries.
    /// </summary>
    public static OutboxMessage StoredRow(ContactCreated contact, string payload) => new()
    {
        MessageId = contact.EventId,
        MessageType = EventTypes.NameOf(typeof(ContactCreated)),
        Payload = payload,
        AggregateId = contact.AggregateId,
        OccurredAt = contact.OccurredAt,
        CreatedAt = DateTime.UtcNow,
    };
}
