using System.Diagnostics;
using Grpc.Core;
using Lifecycle.Contracts.Orders.V1;

namespace Lifecycle.Orders.Bench;

/// <summary>The same workers calling GetProduct (a read with no outbox): the ceiling the checkout rate is compared to.</summary>
public static class BaselineLoad
{
    public sealed record Result(long Calls, int Errors, double PerSecond, IReadOnlyDictionary<string, int> ErrorsByStatus);

    public static async Task<Result> RunAsync(BenchClients clients, string sku, int workers, TimeSpan duration)
    {
        var errors = new ErrorCounts();
        long calls = 0;
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await clients.Catalogue.GetProductAsync(new GetProductRequest { Sku = sku }, deadline: BenchClients.Deadline);
                    Interlocked.Increment(ref calls);
                }
                catch (RpcException e)
                {
                    errors.Add("GetProduct", e);
                }
            }
        })));
        var elapsed = clock.Elapsed.TotalSeconds;
        return new Result(calls, errors.Total, calls / elapsed, errors.ByStatus);
    }
}
