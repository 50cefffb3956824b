using System.Text;
using Lifecycle.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.Inbox;

/// <summary>
/// Records a batch's messages in the inbox with one <c>INSERT … ON CONFLICT DO NOTHING RETURNING</c> (SQLite and
/// PostgreSQL) inside the caller's transaction, and returns the ids it inserted: the messages this batch must apply. An
/// id already there (processed before, or committed meanwhile by a concurrent delivery, which PostgreSQL waits for) is
/// skipped, as is a second copy inside the batch, so the batch needs no lookup query and no tracked entity per message.
/// Column names come from the model, so a service's naming convention cannot break the SQL; values are bound through
/// EF's type mappings, so they are stored exactly as EF stores them (a SQLite Guid as upper-case text, which the
/// one-by-one path's EF lookup must find).
/// </summary>
internal static class InboxInsert
{
    // SQLite: each row takes one parameter (the two shared values are bound once): far below SQLite's limit.
    private const int RowsPerStatement = 1000;

    public static async Task<HashSet<Guid>> InsertNewAsync(
        DbContext db, string consumer, IReadOnlyList<Guid> messageIds, DateTime processedAt, CancellationToken cancellationToken)
    {
        if (DatabaseProviderName.IsNpgsql(db))
        {
            // The ids go as one uuid[] parameter, so the statement's text is the same for every batch size: Npgsql keeps
            // it prepared and PostgreSQL parses and plans it once per connection, not once per batch (one VALUES row per
            // id made each batch size a text of its own, parsed and planned afresh every time).
            object[] parameters = [consumer, processedAt, messageIds.ToArray()];
            return [.. await db.Database.SqlQueryRaw<Guid>(PostgresSql(db), parameters).ToListAsync(cancellationToken)];
        }
        var inserted = new HashSet<Guid>();
        for (var start = 0; start < messageIds.Count; start += RowsPerStatement)
        {
            var chunk = messageIds.Skip(start).Take(RowsPerStatement).ToList();
            object[] values = [consumer, processedAt, .. chunk.Cast<object>()];
            inserted.UnionWith(await db.Database.SqlQueryRaw<Guid>(ValuesSql(db, chunk.Count), values).ToListAsync(cancellationToken));
        }
        return inserted;
    }

    /// <summary>
    /// <c>unnest</c> yields the ids in the array's order, so rows are inserted (and their keys locked) in the caller's
    /// order, as the VALUES rows were: two appliers meeting the same redelivered ids wait for each other, never deadlock.
    /// </summary>
    private static string PostgresSql(DbContext db)
    {
        var (table, messageId, consumer, processedAt, value) = Names(db);
        // {0} and {1} are the consumer and the time shared by every row; {2} the message ids.
        return $"INSERT INTO {table} ({messageId}, {consumer}, {processedAt}) SELECT id, {{0}}, {{1}} FROM unnest({{2}}) AS batch(id) " +
            $"ON CONFLICT DO NOTHING RETURNING {messageId} AS {value}";
    }

    private static string ValuesSql(DbContext db, int rows)
    {
        var (table, messageId, consumer, processedAt, value) = Names(db);
        var text = new StringBuilder($"INSERT INTO {table} ({messageId}, {consumer}, {processedAt}) VALUES ");
        for (var row = 0; row < rows; row++)
        {
            // {0} and {1} are the consumer and the time shared by every row; {2}… the message ids.
            text.Append(row == 0 ? "" : ", ").Append("({").Append(row + 2).Append("}, {0}, {1})");
        }
        return text.Append($" ON CONFLICT DO NOTHING RETURNING {messageId} AS {value}").ToString();
    }

    private static (string Table, string MessageId, string Consumer, string ProcessedAt, string Value) Names(DbContext db)
    {
        var inbox = MappedTable.Of<InboxMessage>(db, "inbox");
        // SqlQueryRaw of a scalar reads the column named Value.
        return (inbox.Name, inbox.Column(nameof(InboxMessage.MessageId)), inbox.Column(nameof(InboxMessage.Consumer)),
            inbox.Column(nameof(InboxMessage.ProcessedAt)), inbox.Delimit("Value"));
    }
}
