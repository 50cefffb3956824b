using System.Data.Common;
using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.TestDispatcher.Model;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifecycle.Messaging.Tests;

/// <summary>
/// On PostgreSQL the inbox insert sends one statement text whatever the batch size, so Npgsql keeps it prepared per
/// connection and PostgreSQL plans it once, instead of parsing and planning a new VALUES list for every batch size.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class InboxStatementTextTests(PostgresFixture postgres)
{
    private const string Consumer = "svc.record-contact";

    [Fact]
    public async Task Batches_of_1_7_and_300_ids_send_the_same_statement_text_and_insert_every_id()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Postgres, postgres);
        var commands = new CommandTexts();
        var options = new DbContextOptionsBuilder<TestDbContext>();
        database.Configure(options);
        await using var db = new TestDbContext(options.AddInterceptors(commands).Options);

        var batches = new[] { 1, 7, 300 }.Select(size => Enumerable.Range(0, size).Select(_ => Guid.NewGuid()).Order().ToList()).ToList();
        foreach (var ids in batches)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(ids.Order(), (await InboxInsert.InsertNewAsync(db, Consumer, ids, DateTime.UtcNow, CancellationToken.None)).Order());
            await transaction.CommitAsync();
        }

        Assert.Equal(batches.Count, commands.Texts.Count);
        Assert.Single(commands.Texts.Distinct());
        Assert.Equal(batches.Sum(b => b.Count), await db.Set<InboxMessage>().CountAsync(m => m.Consumer == Consumer));
    }

    /// <summary>The text of every command a context sends to read rows (the inbox insert returns its ids).</summary>
    private sealed class CommandTexts : DbCommandInterceptor
    {
        public List<string> Texts { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }
}
