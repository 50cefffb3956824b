using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Lifecycle.Contracts.Orders.V1;

namespace Lifecycle.Orders.Bench;

/// <summary>
/// The timed part: each worker owns a disjoint slice of the contacts (so no two units share a cart) and repeats
/// AddCartItem → Checkout → ConfirmPayment, remembering what it paid per contact for the end-to-end check.
/// </summary>
public static class CheckoutLoad
{
    public sealed record Result(
        long Units,
        int Errors,
        double PerSecond,
        long Started,
        long Finished,
        long Sampled,
        IReadOnlyDictionary<string, long> ExpectedRevenue,
        IReadOnlyCollection<double> CheckoutMillis,
        IReadOnlyDictionary<string, int> ErrorsByStatus);

    public static async Task<Result> RunAsync(BenchClients clients, Setup setup, int workers, TimeSpan duration, int sampleEvery, VisibilityProbe probe)
    {
        var errors = new ErrorCounts();
        var paid = new ConcurrentDictionary<string, long>(setup.ContactIds.Select(id => KeyValuePair.Create(id, 0L)));
        var checkoutMillis = new ConcurrentBag<double>();
        long units = 0;
        long sampled = 0;
        using var stop = new CancellationTokenSource(duration);
        var started = Stopwatch.GetTimestamp();

        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var own = setup.ContactIds.Where((_, i) => i % workers == worker).ToArray();
            for (var next = 0; !stop.IsCancellationRequested && own.Length > 0; next++)
            {
                var contactId = own[next % own.Length];
                var step = "AddCartItem";
                try
                {
                    var cart = await clients.Carts.AddCartItemAsync(
                        new AddCartItemRequest { ContactId = contactId, Sku = setup.Sku, Quantity = 1 }, deadline: BenchClients.Deadline);
                    step = "Checkout";
                    var checkoutStart = Stopwatch.GetTimestamp();
                    var order = (await clients.Orders.CheckoutAsync(
                        new CheckoutRequest { RequestId = Guid.NewGuid().ToString(), CartId = cart.Cart.Id }, deadline: BenchClients.Deadline)).Order;
                    checkoutMillis.Add(Stopwatch.GetElapsedTime(checkoutStart).TotalMilliseconds);
                    step = "ConfirmPayment";
                    await clients.Payments.ConfirmPaymentAsync(
                        new ConfirmPaymentRequest { OrderId = order.Id, PaymentId = Guid.NewGuid().ToString(), Amount = order.Total }, deadline: BenchClients.Deadline);
                    var expected = paid.AddOrUpdate(contactId, order.Total.AmountMinor, (_, sum) => sum + order.Total.AmountMinor);
                    if (Interlocked.Increment(ref units) % sampleEvery == 0)
                    {
                        Interlocked.Increment(ref sampled);
                        probe.Sample(contactId, expected, Stopwatch.GetTimestamp());
                    }
                }
                catch (RpcException e)
                {
                    errors.Add(step, e);
                }
            }
        })));

        var finished = Stopwatch.GetTimestamp();
        var elapsed = Stopwatch.GetElapsedTime(started, finished).TotalSeconds;
        return new Result(units, errors.Total, units / elapsed, started, finished, sampled, paid, checkoutMillis, errors.ByStatus);
    }
}
