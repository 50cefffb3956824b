using Lifecycle.Contacts.Data;
using Lifecycle.Contacts.Orders;
using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Contacts.Tests.Orders;

/// <summary>
/// The order handlers run with <see cref="InboxBatchSaving.OncePerBatch"/>: every event of an inbox batch is handled in
/// one DbContext before a single save. Driven here exactly as the batcher drives them (one scope, the handler resolved
/// once, one save at the end), so two events for one contact or one order in a batch are proven to combine correctly.
/// </summary>
[Collection(ContactsCollection.Name)]
public sealed class OrderBatchTests(ContactsInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_payments_for_one_contact_in_one_batch_both_count_and_move_it_through_purchase_to_retention(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        var first = OrderEvents.Paid(contact.Id, 4999);
        var second = OrderEvents.Paid(contact.Id, 1001);

        await ApplyAsOneBatchAsync<OrderPaidHandler, OrderPaid>(host, first, second);

        var stored = await host.QueryAsync(db => db.Contacts.AsNoTracking().SingleAsync(c => c.Id == Guid.Parse(contact.Id)));
        Assert.Equal(6000, stored.Activity.RevenueMinor);
        Assert.Equal(2, stored.Activity.PaidOrderCount);
        Assert.Equal("retention", stored.Stage);
        var history = (await host.Lifecycle.ListStageTransitionsAsync(new() { ContactId = contact.Id })).Transitions;
        Assert.Equal(["awareness", "purchase", "retention"], history.Select(t => t.ToStage));
        Assert.Equal([first.EventId.ToString(), second.EventId.ToString()], history.Skip(1).Select(t => t.TriggerEventId));
        // The snapshot rebuilt after the batch's commit shows both payments.
        await Eventually.UntilAsync(
            async () => (await host.Snapshots.GetCustomerSnapshotAsync(new() { ContactId = contact.Id })).Snapshot.Value.RevenueMinor,
            revenue => revenue == 6000, "the snapshot with both payments");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_second_payment_event_for_one_order_in_the_same_batch_counts_once_and_adds_no_second_row(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        // Two distinct events (not a redelivery, which the inbox drops) paying the same, not yet known, order.
        var paid = OrderEvents.Paid(contact.Id, 2500, orderId: "order-twice-paid");
        var again = OrderEvents.Paid(contact.Id, 2500, orderId: "order-twice-paid");

        await ApplyAsOneBatchAsync<OrderPaidHandler, OrderPaid>(host, paid, again);

        var stored = await host.QueryAsync(db => db.Contacts.AsNoTracking().SingleAsync(c => c.Id == Guid.Parse(contact.Id)));
        Assert.Equal(2500, stored.Activity.RevenueMinor);
        Assert.Equal(1, stored.Activity.PaidOrderCount);
        var orders = await host.QueryAsync(db => db.Orders.AsNoTracking().Where(o => o.ContactId == Guid.Parse(contact.Id)).ToListAsync());
        var order = Assert.Single(orders);
        Assert.Equal(OrderStatuses.Paid, order.Status);
    }

    [Fact]
    public async Task A_refund_after_a_payment_of_the_same_order_in_one_batch_sees_the_paid_total()
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, "Sqlite");
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        var placed = new OrderPlaced { AggregateId = "order-refunded", AggregateVersion = 1, ContactId = contact.Id, Lines = [new("sku-1", 1, 3000)], TotalMinor = 3000, Currency = "EUR" };
        var refund = (long amount) => new OrderRefunded
        {
            AggregateId = "order-refunded",
            AggregateVersion = 3,
            ContactId = contact.Id,
            Lines = [new("sku-1", 1, amount)],
            AmountMinor = amount,
            Currency = "EUR",
        };

        await ApplyAsOneBatchAsync<OrderPlacedHandler, OrderPlaced>(host, placed);
        await ApplyAsOneBatchAsync<OrderRefundedHandler, OrderRefunded>(host, refund(1000), refund(2000));

        var order = await host.QueryAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.OrderId == "order-refunded"));
        // Partial after the first refund, full after the second: the second saw the first's unsaved amount.
        Assert.Equal(3000, order.RefundedMinor);
        Assert.Equal(OrderStatuses.Refunded, order.Status);
    }

    [Fact]
    public async Task A_burst_of_payments_through_the_broker_counts_each_once()
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, "Sqlite");
        var contacts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            contacts.Add((await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact.Id);
        }
        // Published without waiting in between: the consumer takes them concurrently, so batches hold several
        // payments of one contact; one order is paid by two events.
        var payments = Enumerable.Range(0, 60).Select(i => OrderEvents.Paid(contacts[i % 3], 100)).ToList();
        payments.Add(OrderEvents.Paid(contacts[0], 100, orderId: payments[0].AggregateId));
        await Task.WhenAll(payments.Select(p => host.PublishAsync(p)));

        // 20 payments of 100 each; the first contact's second payment of one order does not count.
        foreach (var id in contacts)
        {
            await Eventually.UntilAsync(
                () => host.QueryAsync(db => db.Contacts.AsNoTracking().Where(c => c.Id == Guid.Parse(id)).Select(c => c.Activity.RevenueMinor).SingleAsync()),
                revenue => revenue == 2000, $"revenue of {id}");
        }
        var counts = await host.QueryAsync(db => db.Contacts.AsNoTracking().Select(c => c.Activity.PaidOrderCount).ToListAsync());
        Assert.All(counts, count => Assert.Equal(20, count));
        Assert.Equal(60, await host.QueryAsync(db => db.Orders.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task New_orders_of_one_batch_are_stored_whole_by_one_multi_row_insert(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        var payments = Enumerable.Range(1, 3).Select(i => OrderEvents.Paid(contact.Id, 100 * i) with { OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-i) }).ToArray();

        await ApplyAsOneBatchAsync<OrderPaidHandler, OrderPaid>(host, payments);

        var orders = await host.QueryAsync(db => db.Orders.AsNoTracking().Where(o => o.ContactId == Guid.Parse(contact.Id)).ToListAsync());
        Assert.Equal(payments.Select(p => p.AggregateId).Order(), orders.Select(o => o.OrderId).Order());
        foreach (var payment in payments)
        {
            var order = orders.Single(o => o.OrderId == payment.AggregateId);
            Assert.Equal((OrderStatuses.Paid, payment.AmountMinor, "EUR", 0L), (order.Status, order.TotalMinor, order.Currency, order.RefundedMinor));
            Assert.Equal(DateTimeKind.Utc, order.PaidAt!.Value.Kind);
            Assert.Equal(payment.OccurredAt.UtcDateTime, order.PaidAt.Value, TimeSpan.FromMilliseconds(1));
            Assert.Equal(order.PaidAt, order.UpdatedAt);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Contacts_of_one_batch_are_updated_by_one_multi_row_update_with_every_change(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var first = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        var second = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        var paidAt = DateTimeOffset.UtcNow.AddMinutes(-5);

        await ApplyAsOneBatchAsync<OrderPaidHandler, OrderPaid>(host,
            OrderEvents.Paid(first.Id, 700) with { OccurredAt = paidAt }, OrderEvents.Paid(second.Id, 300), OrderEvents.Paid(second.Id, 200));

        var stored = await host.QueryAsync(db => db.Contacts.AsNoTracking().Where(c => c.Id == Guid.Parse(first.Id) || c.Id == Guid.Parse(second.Id)).ToListAsync());
        var one = stored.Single(c => c.Id == Guid.Parse(first.Id));
        var two = stored.Single(c => c.Id == Guid.Parse(second.Id));
        Assert.Equal((700L, 1, "EUR", "purchase", first.Version + 2), (one.Activity.RevenueMinor, one.Activity.PaidOrderCount, one.Activity.Currency, one.Stage, one.Version));
        Assert.Equal(paidAt.UtcDateTime, one.Activity.LastPurchaseAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(DateTimeKind.Utc, one.Activity.LastPurchaseAt.Value.Kind);
        Assert.Equal((500L, 2, "retention"), (two.Activity.RevenueMinor, two.Activity.PaidOrderCount, two.Stage));
        // The snapshots rebuilt after the commit show the written rows.
        await Eventually.UntilAsync(
            async () => (await host.Snapshots.GetCustomerSnapshotAsync(new() { ContactId = second.Id })).Snapshot,
            snapshot => snapshot.Value.RevenueMinor == 500 && snapshot.Version == two.Version, "the second contact's snapshot");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_batch_whose_contact_changed_since_it_was_read_fails_the_version_check_and_writes_nothing(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var first = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        var second = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContactsDbContext>();
        var handler = scope.ServiceProvider.GetRequiredService<OrderPaidHandler>();
        await handler.HandleAsync(OrderEvents.Paid(first.Id, 100), CancellationToken.None);
        await handler.HandleAsync(OrderEvents.Paid(second.Id, 100), CancellationToken.None);

        // Another writer changes the first contact after the batch read it.
        await host.Contacts.UpdateContactAsync(new() { Contact = new() { Id = first.Id, Locale = "fr" }, UpdateMask = new() { Paths = { "locale" } } });

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
            await transaction.RollbackAsync();
        }
        var stored = await host.QueryAsync(db => db.Contacts.AsNoTracking().Where(c => c.Id == Guid.Parse(first.Id) || c.Id == Guid.Parse(second.Id)).ToListAsync());
        Assert.All(stored, c => Assert.Equal(0, c.Activity.RevenueMinor));
        Assert.Equal("fr", stored.Single(c => c.Id == Guid.Parse(first.Id)).Locale);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_failing_batch_save_rolls_back_its_multi_row_order_insert_and_contact_update(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var first = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        var second = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        var payments = new[] { OrderEvents.Paid(first.Id, 100), OrderEvents.Paid(second.Id, 200) };
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContactsDbContext>();
        var handler = scope.ServiceProvider.GetRequiredService<OrderPaidHandler>();
        await using (var failing = await db.Database.BeginTransactionAsync())
        {
            foreach (var payment in payments)
            {
                await handler.HandleAsync(payment, CancellationToken.None);
            }
            // A third contact with the first one's email fails the save after the orders and contacts went in.
            var duplicate = await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == Guid.Parse(first.Id));
            duplicate.Id = Guid.NewGuid();
            duplicate.CreateRequestId = null;
            duplicate.Consents = [];
            db.Contacts.Add(duplicate);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            await failing.RollbackAsync();
        }

        // Both statements ran inside the batch's transaction: nothing of the batch is left.
        var ids = new[] { Guid.Parse(first.Id), Guid.Parse(second.Id) };
        Assert.Empty(await host.QueryAsync(db => db.Orders.AsNoTracking().Where(o => ids.Contains(o.ContactId)).ToListAsync()));
        var stored = await host.QueryAsync(db => db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync());
        Assert.All(stored, c => Assert.Equal((0L, "awareness"), (c.Activity.RevenueMinor, c.Stage)));
        Assert.Equal([first.Version, second.Version], stored.OrderBy(c => c.Id == ids[0] ? 0 : 1).Select(c => c.Version));
    }

    /// <summary>What the inbox batcher does with a OncePerBatch handler: one scope and handler, every event, one save.</summary>
    private static async Task ApplyAsOneBatchAsync<THandler, TEvent>(ContactsHost host, params TEvent[] events)
        where THandler : class, IIntegrationEventHandler<TEvent>
        where TEvent : IntegrationEvent
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContactsDbContext>();
        var handler = scope.ServiceProvider.GetRequiredService<THandler>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var integrationEvent in events)
        {
            await handler.HandleAsync(integrationEvent, CancellationToken.None);
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
