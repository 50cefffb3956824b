using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Orders.Bench;

/// <summary>
/// Measures when paid orders become visible in contacts' snapshot: per sampled unit by polling its contact until
/// the revenue reaches what had been paid, and for the whole run by batch-reading every contact until all match.
/// </summary>
public sealed class VisibilityProbe(BenchClients clients)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan SampleTimeout = TimeSpan.FromSeconds(120);
    private readonly ConcurrentBag<Task<double?>> samples = [];

    public sealed record Drained(long LastVisible, int Missing);

    /// <summary>Starts polling <paramref name="contactId"/> until its revenue is at least <paramref name="revenueMinor"/>.</summary>
    public void Sample(string contactId, long revenueMinor, long paidAt) =>
        samples.Add(Task.Run(() => PollAsync(contactId, revenueMinor, paidAt)));

    /// <summary>Milliseconds from payment confirmed to visible, for every sample that became visible.</summary>
    public async Task<IReadOnlyCollection<double>> SampleLatenciesAsync() =>
        (await Task.WhenAll(samples)).OfType<double>().ToArray();

    /// <summary>Polls every contact (100 per batch) until each snapshot's revenue equals what the driver paid.</summary>
    public async Task<Drained> WaitForAllAsync(IReadOnlyDictionary<string, long> expected, TimeSpan timeout)
    {
        var pending = expected.Where(e => e.Value > 0).ToDictionary();
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (pending.Count > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            foreach (var batch in pending.Keys.Chunk(100).ToArray())
            {
                var request = new BatchGetCustomerSnapshotsRequest();
                request.ContactIds.Add(batch);
                try
                {
                    var response = await clients.Snapshots.BatchGetCustomerSnapshotsAsync(request, deadline: BenchClients.Deadline);
                    foreach (var snapshot in response.Snapshots)
                    {
                        if (pending.TryGetValue(snapshot.ContactId, out var paid) && snapshot.Value?.RevenueMinor == paid)
                        {
                            pending.Remove(snapshot.ContactId);
                        }
                    }
                }
                catch (RpcException e)
                {
                    Console.Error.WriteLine($"BatchGetCustomerSnapshots: {e.StatusCode} {e.Status.Detail}");
                }
            }

            if (pending.Count > 0)
            {
                await Task.Delay(PollInterval * 5);
            }
        }

        return new Drained(Stopwatch.GetTimestamp(), pending.Count);
    }

    private async Task<double?> PollAsync(string contactId, long revenueMinor, long paidAt)
    {
        while (Stopwatch.GetElapsedTime(paidAt) < SampleTimeout)
        {
            try
            {
                var snapshot = (await clients.Snapshots.GetCustomerSnapshotAsync(
                    new GetCustomerSnapshotRequest { ContactId = contactId }, deadline: BenchClients.Deadline)).Snapshot;
                if (snapshot.Value?.RevenueMinor >= revenueMinor)
                {
                    return Stopwatch.GetElapsedTime(paidAt).TotalMilliseconds;
                }
            }
            catch (RpcException)
            {
                // A failed poll is retried; a sample that never becomes visible is reported as lost.
            }

            await Task.Delay(PollInterval);
        }

        return null;
    }
}
