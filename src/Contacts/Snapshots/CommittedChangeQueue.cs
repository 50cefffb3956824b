using System.Threading.Channels;

namespace Lifecycle.Contacts.Snapshots;

/// <summary>
/// Contacts whose committed changes still need their snapshot written through and their segments re-evaluated, in
/// arrival order. A contact already waiting is not queued twice: the refresh that takes it reads the database after
/// every change queued so far, so one rebuild covers them all (under a burst of events, fewer, newer versions).
/// </summary>
public sealed class CommittedChangeQueue
{
    private readonly Lock gate = new();
    private readonly Queue<Guid> order = new();
    private readonly HashSet<Guid> waiting = [];
    private readonly Channel<bool> wakeUp = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public int Count
    {
        get
        {
            lock (gate)
            {
                return order.Count;
            }
        }
    }

    public void Enqueue(IEnumerable<Guid> contactIds)
    {
        lock (gate)
        {
            foreach (var id in contactIds)
            {
                if (waiting.Add(id))
                {
                    order.Enqueue(id);
                }
            }
        }
        wakeUp.Writer.TryWrite(true);
    }

    /// <summary>Up to <paramref name="max"/> contacts, the longest waiting first; waits while the queue is empty.</summary>
    public async Task<List<Guid>> TakeAsync(int max, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryTake(max) is { Count: > 0 } batch)
            {
                return batch;
            }
            await wakeUp.Reader.ReadAsync(cancellationToken);
        }
    }

    /// <summary>Up to <paramref name="max"/> contacts without waiting; empty when none wait.</summary>
    public List<Guid> TryTake(int max)
    {
        lock (gate)
        {
            var batch = new List<Guid>(Math.Min(max, order.Count));
            while (batch.Count < max && order.TryDequeue(out var id))
            {
                // Taken before the rebuild reads: a change committed from here on queues the contact again.
                waiting.Remove(id);
                batch.Add(id);
            }
            return batch;
        }
    }
}
