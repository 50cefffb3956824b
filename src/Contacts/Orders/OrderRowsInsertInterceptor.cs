using Lifecycle.Contacts.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Lifecycle.Contacts.Orders;

/// <summary>
/// Inserts the order rows an inbox batch adds with one multi-row INSERT (per <see cref="RowsPerStatement"/>) instead of
/// EF's one statement per row: on SQLite each of those is prepared anew, and with EF's per-command work it was about a
/// third of the batch save, the consumer's largest cost. Only inside an explicit transaction (the inbox batch's), so the
/// rows commit or roll back with everything else, and only for two or more rows (one row gains nothing). The entries
/// are then marked unchanged so EF does not insert them again. A save that fails leaves the context unusable for a
/// retry (its rows were taken out of EF's save): the transaction's owner rolls back and starts again with a new
/// context, as both inbox paths do.
/// </summary>
public sealed class OrderRowsInsertInterceptor : SaveChangesInterceptor
{
    /// <summary>Bounds a statement's parameters (8 per row) well below every provider's limit.</summary>
    public const int RowsPerStatement = 200;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ContactsDbContext db && db.Database.CurrentTransaction is { } transaction)
        {
            var added = db.ChangeTracker.Entries<OrderRecord>().Where(e => e.State == EntityState.Added).ToList();
            if (added.Count > 1)
            {
                for (var start = 0; start < added.Count; start += RowsPerStatement)
                {
                    await InsertAsync(db, transaction, added.GetRange(start, Math.Min(RowsPerStatement, added.Count - start)), cancellationToken);
                }
                foreach (var entry in added)
                {
                    entry.State = EntityState.Unchanged;
                }
            }
        }
        return result;
    }

    private static async Task InsertAsync(ContactsDbContext db, IDbContextTransaction transaction, List<EntityEntry<OrderRecord>> rows, CancellationToken cancellationToken)
    {
        var entityType = rows[0].Metadata;
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().ToList();
        await using var command = new BatchSqlCommand(db, transaction);
        var sql = command.Sql;
        command.Text.Append("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))).Append(") VALUES ");
        for (var row = 0; row < rows.Count; row++)
        {
            command.Text.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < properties.Count; column++)
            {
                var property = properties[column];
                command.Text.Append(column == 0 ? "" : ", ");
                command.AppendParameter($"p{row}_{column}", property, rows[row].Property(property.Name).CurrentValue);
            }
            command.Text.Append(')');
        }
        await command.ExecuteAsync(cancellationToken);
    }
}
