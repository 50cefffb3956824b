using System.Diagnostics;

namespace Lifecycle.Contacts.Bench;

/// <summary>
/// One contact's published-but-not-yet-seen payments. Each OrderPaid adds a fixed amount, so the revenue a watcher
/// sees tells exactly which payments the snapshot already reflects; each of those is visible from that moment.
/// </summary>
public sealed class ContactRevenueTracker
{
    private readonly Lock gate = new();
    private readonly Queue<(long RevenueAfter, long DueTimestamp)> pending = new();
    private long expectedRevenue;
    private long seenRevenue;
    private long versions;

    /// <summary>Registers the next payment (before it is published) and returns the revenue it will lead to.</summary>
    public long Expect(long amountMinor, long dueTimestamp)
    {
        lock (gate)
        {
            expectedRevenue += amountMinor;
            pending.Enqueue((expectedRevenue, dueTimestamp));
            return expectedRevenue;
        }
    }

    /// <summary>A snapshot version arrived: every payment it covers is visible now.</summary>
    public void Observe(long revenueMinor, long nowTimestamp, List<Visibility> visible)
    {
        lock (gate)
        {
            versions++;
            seenRevenue = Math.Max(seenRevenue, revenueMinor);
            while (pending.TryPeek(out var payment) && payment.RevenueAfter <= seenRevenue)
            {
                pending.Dequeue();
                lock (visible)
                {
                    visible.Add(new Visibility(payment.DueTimestamp, Stopwatch.GetElapsedTime(payment.DueTimestamp, nowTimestamp).TotalMilliseconds));
                }
            }
        }
    }

    /// <summary>Snapshot versions received so far.</summary>
    public long Versions
    {
        get
        {
            lock (gate)
            {
                return versions;
            }
        }
    }

    public int Pending
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }
}

/// <summary>One payment seen in a snapshot: when it was due and how long after that it became visible.</summary>
public readonly record struct Visibility(long DueTimestamp, double Millis);
