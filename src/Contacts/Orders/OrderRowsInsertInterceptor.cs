using System.Runtime.CompilerServices;
using System.Text;
using Lifecycle.Contacts.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Lifecycle.Contacts.Orders;

/// <summary>
/// Inserts the order rows an inbox batch adds with one multi-row INSERT (per <see cref="RowsPerStatement"/>) instead of
/// EF's one statement per row: on SQLite each of those is prepared anew, and with EF's per-command work it was about a
/// third of the batch save, the consumer's largest cost. Only inside an explicit transaction (the inbox batch's), so the
/// rows commit or roll back with everything else, and only for two or more rows (one row gains nothing). The entries
/// are then marked unchanged so EF does not insert them again; should the rest of the save fail, they are marked added
/// again (the transaction, rolled back by its owner, takes the rows with it).
/// </summary>
public sealed class OrderRowsInsertInterceptor : SaveChangesInterceptor
{
    /// <summary>Bounds a statement's parameters (8 per row) well below every provider's limit.</summary>
    public const int RowsPerStatement = 200;

    // The entries a context's current save inserted itself, until that save ends.
    private readonly ConditionalWeakTable<DbContext, List<EntityEntry<OrderRecord>>> inserted = [];

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
                inserted.AddOrUpdate(db, added);
            }
        }
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            inserted.Remove(context);
        }
        return ValueTask.FromResult(result);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        // The caller may retry SaveChanges on this context after rolling back: the rows must be inserted again then.
        if (eventData.Context is { } context && inserted.TryGetValue(context, out var entries))
        {
            inserted.Remove(context);
            foreach (var entry in entries)
            {
                entry.State = EntityState.Added;
            }
        }
    }

    private static async Task InsertAsync(ContactsDbContext db, IDbContextTransaction transaction, List<EntityEntry<OrderRecord>> rows, CancellationToken cancellationToken)
    {
        var entityType = rows[0].Metadata;
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entityType.GetProperties().ToList();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))).Append(") VALUES ");
        for (var row = 0; row < rows.Count; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < properties.Count; column++)
            {
                var property = properties[column];
                var name = $"p{row}_{column}";
                text.Append(column == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                // The type mapping applies the property's value converter (UTC times) and the provider's parameter type.
                command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, sql.GenerateParameterName(name),
                    rows[row].Property(property.Name).CurrentValue, property.IsNullable));
            }
            text.Append(')');
        }
        command.CommandText = text.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
