using Lifecycle.Contacts.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Lifecycle.Contacts.Contacts;

/// <summary>
/// Writes the contacts an inbox batch changed with one multi-row UPDATE (per <see cref="RowsPerStatement"/>) instead of
/// EF's one statement per contact, with the same optimistic check: every row must still hold the version it was read
/// with, or the save fails with <see cref="DbUpdateConcurrencyException"/> as EF's own update would. Only the columns
/// some contact of the statement changed are written; for the others in it that is their current value, read in
/// this transaction and still in force (the version check proves it). Only inside an explicit transaction (the
/// inbox batch's), for two or more contacts, and only when no consent changes ride along (those stay with EF). Runs
/// after <see cref="Snapshots.SnapshotChangeInterceptor"/>, which must still see the contacts as modified. Rows are
/// written in key order, as EF orders its own statements, so two PostgreSQL appliers lock shared contacts in the same
/// order instead of deadlocking. A save that fails leaves the context unusable for a retry (its rows were taken out
/// of EF's save): the transaction's owner rolls back and starts again with a new context, as both inbox paths do.
/// </summary>
public sealed class ContactRowsUpdateInterceptor : SaveChangesInterceptor
{
    /// <summary>Bounds a statement's parameters (2 + changed columns per row) well below every provider's limit.</summary>
    public const int RowsPerStatement = 200;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not ContactsDbContext db || db.Database.CurrentTransaction is not { } transaction)
        {
            return result;
        }
        var contacts = db.ChangeTracker.Entries<Contact>().Where(e => e.State == EntityState.Modified).OrderBy(e => e.Entity.Id).ToList();
        if (contacts.Count < 2 || db.ChangeTracker.Entries<ContactConsent>().Any(e => e.State != EntityState.Unchanged))
        {
            return result;
        }
        var rows = contacts.Select(RowOf).ToList();
        if (rows.Any(r => r is null || r.Count != rows[0]!.Count))
        {
            return result; // an owned part added or removed: EF's own statements
        }
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            var chunk = rows.GetRange(start, Math.Min(RowsPerStatement, rows.Count - start));
            var updated = await UpdateAsync(db, transaction, chunk!, cancellationToken);
            if (updated != chunk.Count)
            {
                throw new DbUpdateConcurrencyException(
                    $"{chunk.Count - updated} of {chunk.Count} contacts changed since they were read (version check); the batch must be applied again");
            }
        }
        // Written: the rows now hold the current values, so they become the originals (a later save of this context
        // checks the new version) and the entries unchanged. Only the modified properties: copying every value of
        // every entry cost more than the statement.
        foreach (var entry in rows.SelectMany(r => r!))
        {
            if (entry.State == EntityState.Modified)
            {
                foreach (var property in entry.Properties.Where(p => p.IsModified))
                {
                    property.OriginalValue = property.CurrentValue;
                }
                entry.State = EntityState.Unchanged;
            }
        }
        return result;
    }

    /// <summary>The contact's entry and its owned parts on the same row; null when a part is being added or removed.</summary>
    private static List<EntityEntry>? RowOf(EntityEntry<Contact> contact)
    {
        var row = new List<EntityEntry> { contact };
        foreach (var reference in contact.References)
        {
            if (reference.Metadata is INavigation { ForeignKey.IsOwnership: true } && reference.TargetEntry is { } part)
            {
                if (part.State is not (EntityState.Modified or EntityState.Unchanged))
                {
                    return null;
                }
                row.Add(part);
            }
        }
        return row;
    }

    private static async Task<int> UpdateAsync(ContactsDbContext db, IDbContextTransaction transaction, List<List<EntityEntry>> rows, CancellationToken cancellationToken)
    {
        var contactType = rows[0][0].Metadata;
        var table = StoreObjectIdentifier.Table(contactType.GetTableName()!, contactType.GetSchema());
        var key = contactType.FindPrimaryKey()!.Properties.Single();
        var version = contactType.FindProperty(nameof(Contact.Version))!;
        var keyColumn = key.GetColumnName(table)!;
        // The changed columns of any row in the statement, each with where its value lives (the contact or an owned part).
        var columns = new List<(int Part, IProperty Property)>();
        var seen = new HashSet<string>();
        foreach (var row in rows)
        {
            for (var part = 0; part < row.Count; part++)
            {
                foreach (var property in row[part].Properties.Where(p => p.IsModified).Select(p => (IProperty)p.Metadata))
                {
                    var column = property.GetColumnName(table)!;
                    if (column != keyColumn && seen.Add(column))
                    {
                        columns.Add((PartIndex(rows[0], row[part].Metadata), property));
                    }
                }
            }
        }
        await using var command = new BatchSqlCommand(db, transaction);
        var sql = command.Sql;
        var text = command.Text;
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
        text.Append("WITH v (k, expected").AppendJoin("", columns.Select((_, i) => $", c{i}")).Append(") AS (VALUES ");
        for (var r = 0; r < rows.Count; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            command.AppendParameter($"r{r}_k", key, rows[r][0].Property(key.Name).CurrentValue);
            text.Append(", ");
            command.AppendParameter($"r{r}_v", version, rows[r][0].Property(version.Name).OriginalValue);
            for (var c = 0; c < columns.Count; c++)
            {
                var (part, property) = columns[c];
                text.Append(", ");
                command.AppendParameter($"r{r}_{c}", property, rows[r][part].Property(property.Name).CurrentValue);
            }
            text.Append(')');
        }
        text.Append(") UPDATE ").Append(tableName).Append(" SET ")
            .AppendJoin(", ", columns.Select((c, i) => $"{sql.DelimitIdentifier(c.Property.GetColumnName(table)!)} = v.c{i}"))
            .Append(" FROM v WHERE ").Append(tableName).Append('.').Append(sql.DelimitIdentifier(keyColumn)).Append(" = v.k AND ")
            .Append(tableName).Append('.').Append(sql.DelimitIdentifier(version.GetColumnName(table)!)).Append(" = v.expected");
        return await command.ExecuteAsync(cancellationToken);
    }

    /// <summary>Which entry of a row (the contact, or one of its owned parts; the same order in every row) holds a property.</summary>
    private static int PartIndex(List<EntityEntry> row, IReadOnlyTypeBase type)
    {
        for (var i = 0; i < row.Count; i++)
        {
            if (row[i].Metadata == type)
            {
                return i;
            }
        }
        throw new InvalidOperationException($"No part of type {type.DisplayName()} in the contact row");
    }
}
