using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Inbox;

namespace Lifecycle.Contacts.Orders;

/// <summary>
/// Loads an inbox batch's contacts and orders in one query each before the order handlers run (they then find them
/// held in <see cref="OrderReadModel"/>): per event, the contact and order lookups were the consumer's largest query cost.
/// </summary>
public sealed class OrderBatchPreparer(OrderReadModel readModel) :
    IIntegrationEventBatchPreparer<OrderPlaced>,
    IIntegrationEventBatchPreparer<OrderPaid>,
    IIntegrationEventBatchPreparer<OrderRefunded>,
    IIntegrationEventBatchPreparer<OrderCancelled>,
    IIntegrationEventBatchPreparer<CartUpdated>,
    IIntegrationEventBatchPreparer<CartAbandoned>
{
    public Task PrepareAsync(IReadOnlyList<OrderPlaced> batch, CancellationToken cancellationToken) =>
        readModel.PreloadAsync(batch.Select(e => e.ContactId), batch.Select(e => e.AggregateId), cancellationToken);

    public Task PrepareAsync(IReadOnlyList<OrderPaid> batch, CancellationToken cancellationToken) =>
        readModel.PreloadAsync(batch.Select(e => e.ContactId), batch.Select(e => e.AggregateId), cancellationToken);

    public Task PrepareAsync(IReadOnlyList<OrderRefunded> batch, CancellationToken cancellationToken) =>
        readModel.PreloadAsync(batch.Select(e => e.ContactId), batch.Select(e => e.AggregateId), cancellationToken);

    public Task PrepareAsync(IReadOnlyList<OrderCancelled> batch, CancellationToken cancellationToken) =>
        readModel.PreloadAsync(batch.Select(e => e.ContactId), batch.Select(e => e.AggregateId), cancellationToken);

    public Task PrepareAsync(IReadOnlyList<CartUpdated> batch, CancellationToken cancellationToken) =>
        readModel.PreloadAsync(batch.Select(e => e.ContactId), [], cancellationToken);

    public Task PrepareAsync(IReadOnlyList<CartAbandoned> batch, CancellationToken cancellationToken) =>
        readModel.PreloadAsync(batch.Select(e => e.ContactId), [], cancellationToken);
}
