namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// The aggregates this dispatcher knows to be held behind a row it cannot publish yet (their head: a row backing off,
/// or one another replica has claimed), remembered from pass to pass so the claim can leave their later rows out inside
/// its query and its LIMIT counts rows that can actually go. Without that, one aggregate with a batch of rows behind a
/// row that keeps failing filled every claim and the whole outbox stalled behind it. The head itself stays claimable:
/// it is retried when due, and once it is sent the hold ends. Only ever a shortcut: a dispatcher that has not learned a
/// hold yet (another replica's, one from before a restart) still finds it in the claim's own check and holds the rows
/// back. Only holds that keep rows out of a claim are remembered (the pass decides which), because every hold is sent
/// with every claim. Used by one pass at a time.
/// </summary>
/// <param name="grace">
/// How long after its head is due a hold is still remembered: the relay's <c>PublishTimeout</c>, about the time one
/// pass takes to retry it, so a head that fails again here is held again before its hold runs out. A head another
/// replica sends is never seen sent here; after this time the aggregate's rows are claimed again (and if it still is
/// held, the claim's check finds that out).
/// </param>
internal sealed class AggregateHolds(TimeSpan grace)
{
    private readonly Dictionary<string, (long Head, DateTime Forget)> holds = new(StringComparer.Ordinal);

    /// <summary>
    /// Remembers that <paramref name="aggregateId"/>'s rows after <paramref name="head"/> wait for it, until
    /// <paramref name="headDueAt"/> (its <c>NextAttemptAt</c>, or now when it is not backing off) plus the grace; the
    /// latest news wins.
    /// </summary>
    public void Hold(string aggregateId, long head, DateTime headDueAt) => holds[aggregateId] = (head, headDueAt + grace);

    public bool Knows(string aggregateId) => holds.ContainsKey(aggregateId);

    /// <summary>Ends the holds whose head (or a row after it) the broker confirmed.</summary>
    public void Release(IEnumerable<OutboxMessage> sent)
    {
        foreach (var row in sent)
        {
            if (holds.TryGetValue(row.AggregateId, out var hold) && row.Sequence >= hold.Head)
            {
                holds.Remove(row.AggregateId);
            }
        }
    }

    /// <summary>
    /// The aggregates held at <paramref name="now"/> and their heads, as sets of the caller's own; holds past their
    /// forget time are dropped.
    /// </summary>
    public (HashSet<string> Aggregates, HashSet<long> Heads) At(DateTime now)
    {
        foreach (var stale in holds.Where(hold => hold.Value.Forget <= now).Select(hold => hold.Key).ToList())
        {
            holds.Remove(stale);
        }
        return (holds.Keys.ToHashSet(StringComparer.Ordinal), holds.Values.Select(hold => hold.Head).ToHashSet());
    }
}
