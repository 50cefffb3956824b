using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.Tests;

/// <summary>
/// The inbox batch's single statement: it records every new message id of a consumer once, skips ids already there
/// (and duplicates inside the batch), tells which ids it inserted, and stores them as EF stores them, so the one-by-one
/// path's EF lookup finds them; a concurrent delivery committing the same id first makes it skip that id (PostgreSQL).
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class InboxInsertTests(PostgresFixture postgres)
{
    private const string Consumer = "svc.record-contact";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Inserts_only_new_ids_and_returns_them(Provider provider)
    {
        using var database = await TestDatabase.CreateAsync(provider, postgres);
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        Assert.Equal(new[] { a, b }.Order(), (await InsertAsync(database, Consumer, a, b)).Order());
        // b was processed before, c appears twice in the batch.
        Assert.Equal([c], await InsertAsync(database, Consumer, b, c, c));
        // Another consumer of the same message applies it too.
        Assert.Equal([a], await InsertAsync(database, "svc.other", a));

        await using var db = database.CreateContext();
        var rows = await db.Set<InboxMessage>().Where(m => m.Consumer == Consumer).Select(m => m.MessageId).ToListAsync();
        Assert.Equal(new[] { a, b, c }.Order(), rows.Order());
        // Stored as EF stores a Guid (upper-case text on SQLite): the lone-message path's lookup finds it.
        Assert.True(await db.Set<InboxMessage>().AnyAsync(m => m.MessageId == c && m.Consumer == Consumer));
    }

    [Fact]
    public async Task A_concurrent_transaction_that_commits_the_same_id_first_makes_it_skip_that_id()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Postgres, postgres);
        var (shared, own) = (Guid.NewGuid(), Guid.NewGuid());
        await using var first = database.CreateContext();
        await using var second = database.CreateContext();

        await using var firstTransaction = await first.Database.BeginTransactionAsync();
        Assert.Equal([shared], await InboxInsert.InsertNewAsync(first, Consumer, [shared], DateTime.UtcNow, CancellationToken.None));
        await using var secondTransaction = await second.Database.BeginTransactionAsync();
        // Waits on the first transaction's row until it ends.
        var waiting = InboxInsert.InsertNewAsync(second, Consumer, [shared, own], DateTime.UtcNow, CancellationToken.None);
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted, "the second insert did not wait for the first transaction");

        await firstTransaction.CommitAsync();
        Assert.Equal([own], await waiting);
        await secondTransaction.CommitAsync();
    }

    private static async Task<List<Guid>> InsertAsync(TestDatabase database, string consumer, params Guid[] ids)
    {
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var inserted = await InboxInsert.InsertNewAsync(db, consumer, ids.Distinct().ToList(), DateTime.UtcNow, CancellationToken.None);
        await transaction.CommitAsync();
        return [.. inserted];
    }
}
