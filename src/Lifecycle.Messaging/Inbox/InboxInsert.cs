using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Lifecycle.Messaging.Inbox;

/// <summary>
/// Records a batch's messages in the inbox with one multi-row <c>INSERT … ON CONFLICT DO NOTHING RETURNING</c> (SQLite
/// and PostgreSQL) inside the caller's transaction, and returns the ids it inserted: the messages this batch must
/// apply. An id already there (processed before, or committed meanwhile by a concurrent delivery, which PostgreSQL
/// waits for) is skipped, so the batch needs no lookup query and no tracked entity per message. Column names come from
/// the model, so a service's naming convention cannot break the SQL; values are bound through EF's type mappings, so
/// they are stored exactly as EF stores them (a SQLite Guid as upper-case text).
/// </summary>
internal static class InboxInsert
{
    // Each row takes one parameter (the two shared values are bound once): far below SQLite's and PostgreSQL's limits.
    private const int RowsPerStatement = 1000;

    public static async Task<HashSet<Guid>> InsertNewAsync(
        DbContext db, string consumer, IReadOnlyList<Guid> messageIds, DateTime processedAt, CancellationToken cancellationToken)
    {
        var inserted = new HashSet<Guid>();
        for (var start = 0; start < messageIds.Count; start += RowsPerStatement)
        {
            var chunk = messageIds.Skip(start).Take(RowsPerStatement).ToList();
            object[] values = [consumer, processedAt, .. chunk.Cast<object>()];
            inserted.UnionWith(await db.Database.SqlQueryRaw<Guid>(Sql(db, chunk.Count), values).ToListAsync(cancellationToken));
        }
        return inserted;
    }

    private static string Sql(DbContext db, int rows)
    {
        var entity = db.Model.FindEntityType(typeof(InboxMessage))
            ?? throw new InvalidOperationException($"{db.GetType().Name} has no inbox table: call modelBuilder.AddOutboxAndInbox()");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);

        var messageId = Column(nameof(InboxMessage.MessageId));
        var text = new StringBuilder()
            .Append("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema))
            .Append($" ({messageId}, {Column(nameof(InboxMessage.Consumer))}, {Column(nameof(InboxMessage.ProcessedAt))}) VALUES ");
        for (var row = 0; row < rows; row++)
        {
            // {0} and {1} are the consumer and the time shared by every row; {2}… the message ids.
            text.Append(row == 0 ? "" : ", ").Append("({").Append(row + 2).Append("}, {0}, {1})");
        }
        // SqlQueryRaw of a scalar reads the column named Value.
        return text.Append($" ON CONFLICT DO NOTHING RETURNING {messageId} AS {sql.DelimitIdentifier("Value")}").ToString();
    }
}
