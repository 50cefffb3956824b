using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Events;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Tests.Orders;

[Collection(ContactsCollection.Name)]
public sealed class OrderEventTests(ContactsInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Order_events_move_the_contact_through_evaluation_purchase_and_retention_with_history(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        var cart = new CartUpdated { AggregateId = "cart-1", AggregateVersion = 1, ContactId = contact.Id, Lines = [new("sku-1", 1, 4999)], TotalMinor = 4999, Currency = "EUR" };
        var first = OrderEvents.Paid(contact.Id, 4999);
        var second = OrderEvents.Paid(contact.Id, 1001);

        await host.PublishAsync(cart);
        await WaitForStageAsync(host, contact.Id, "evaluation");
        await host.PublishAsync(first);
        await WaitForStageAsync(host, contact.Id, "purchase");
        await host.PublishAsync(second);
        await WaitForStageAsync(host, contact.Id, "retention");

        var history = (await host.Lifecycle.ListStageTransitionsAsync(new() { ContactId = contact.Id })).Transitions;
        Assert.Equal(["awareness", "evaluation", "purchase", "retention"], history.Select(t => t.ToStage));
        Assert.Equal(first.EventId.ToString(), history[2].TriggerEventId);
        Assert.Equal("repeat-purchase", history[3].RuleId);
        var stored = await host.QueryAsync(db => db.Contacts.AsNoTracking().SingleAsync(c => c.Id == Guid.Parse(contact.Id)));
        Assert.Equal(6000, stored.Activity.RevenueMinor);
        Assert.Equal(2, stored.Activity.PaidOrderCount);
    }

    [Fact]
    public async Task A_redelivered_payment_is_counted_once()
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, "Sqlite");
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        var paid = OrderEvents.Paid(contact.Id, 2500);
        var marker = OrderEvents.Paid(contact.Id, 1);

        await host.PublishAsync(paid);
        await host.PublishAsync(paid);
        await host.PublishAsync(marker);
        // The marker is consumed after both deliveries of the payment on the same queue.
        await Eventually.UntilAsync(() => host.QueryAsync(db => db.Orders.AnyAsync(o => o.OrderId == marker.AggregateId)), found => found, "the marker order");

        var stored = await host.QueryAsync(db => db.Contacts.AsNoTracking().SingleAsync(c => c.Id == Guid.Parse(contact.Id)));
        Assert.Equal(2501, stored.Activity.RevenueMinor);
        Assert.Equal(2, stored.Activity.PaidOrderCount);
    }

    private static Task WaitForStageAsync(ContactsHost host, string contactId, string stage) =>
        Eventually.UntilAsync(async () => (await host.Contacts.GetContactAsync(new() { Id = contactId })).Contact.Stage, s => s == stage, $"stage {stage}");
}
