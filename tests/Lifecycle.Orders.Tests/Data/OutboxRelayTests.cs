using Lifecycle.Messaging.Outbox;
using Lifecycle.Orders.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Orders.Tests.Data;

[Collection(OrdersCollection.Name)]
public sealed class OutboxRelayTests(OrdersInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Order_events_are_relayed_to_rabbitmq_with_broker_confirms(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var paid = await new Shop(host).PaidOrderAsync();

        // The dispatcher marks a row sent only after RabbitMQ confirmed the publish.
        var unsent = await Eventually.UntilAsync(
            () => host.QueryAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.AggregateId == paid.Id && m.SentAt == null)),
            count => count == 0, "the order's events to be confirmed by the broker");

        Assert.Equal(0, unsent);
    }
}
