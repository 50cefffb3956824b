using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;

namespace Lifecycle.Messaging.Tests;

/// <summary>
/// The order check (<see cref="OutboxClaim.FirstBlockingRowsAsync"/>) is a LINQ query on SQLite and raw SQL on
/// PostgreSQL: both must find the same blockers, including for rows of the batch still marking and rows that are not
/// backing off (NextAttemptAt null), which the plan tests never exercise.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class OutboxClaimBlockerTests(PostgresFixture postgres)
{
    private static readonly DateTime RetryAt = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Only_unsent_earlier_rows_outside_the_claim_and_the_marking_batch_block_their_aggregate(Provider provider)
    {
        using var database = await TestDatabase.CreateAsync(provider, postgres);
        await using var db = database.CreateContext();
        // The earlier rows first, so each has a lower sequence than every claimed row.
        var marking = Row("marking");                                 // unsent, but of the batch still marking
        var earlierClaimed = Row("claimed");                          // unsent, and in this claim itself
        var backingOff = Row("backing-off", nextAttemptAt: RetryAt);  // failed, due again at RetryAt
        var notDue = Row("locked-elsewhere");                         // unsent, not backing off (another replica's claim)
        var sent = Row("sent", sentAt: RetryAt);                      // already relayed
        db.AddRange(marking, earlierClaimed, backingOff, notDue, sent);
        await db.SaveChangesAsync();
        var claimed = new[] { "marking", "claimed", "backing-off", "locked-elsewhere", "sent" }.Select(a => Row(a)).ToList();
        db.AddRange(claimed);
        await db.SaveChangesAsync();
        claimed.Insert(0, earlierClaimed);

        var blockers = await OutboxClaim.FirstBlockingRowsAsync(db, claimed, marking: new HashSet<long> { marking.Sequence }, CancellationToken.None);

        Assert.Equal(new Dictionary<string, Blocker>
        {
            ["backing-off"] = new(backingOff.Sequence, RetryAt),
            ["locked-elsewhere"] = new(notDue.Sequence, null),
        }, blockers);
    }

    private static OutboxMessage Row(string aggregateId, DateTime? nextAttemptAt = null, DateTime? sentAt = null) => new()
    {
        MessageId = Guid.NewGuid(),
        MessageType = "ContactCreated",
        Payload = "{}",
        AggregateId = aggregateId,
        OccurredAt = DateTimeOffset.UtcNow,
        CreatedAt = DateTime.UtcNow,
        SentAt = sentAt,
        NextAttemptAt = nextAttemptAt,
        Attempts = nextAttemptAt is null ? 0 : 1,
    };
}
