using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Lifecycle.Messaging.Persistence;

/// <summary>
/// A messaging entity's table and columns as the context's model maps them, delimited for its provider, for the raw SQL
/// of the outbox and inbox: names come from the model, so a service's naming convention cannot break that SQL.
/// </summary>
internal sealed class MappedTable
{
    private readonly IEntityType entity;
    private readonly StoreObjectIdentifier table;
    private readonly ISqlGenerationHelper sql;

    private MappedTable(IEntityType entity, StoreObjectIdentifier table, ISqlGenerationHelper sql)
    {
        this.entity = entity;
        this.table = table;
        this.sql = sql;
        Name = sql.DelimitIdentifier(table.Name, table.Schema);
    }

    /// <summary>The delimited, schema-qualified table name.</summary>
    public string Name { get; }

    /// <param name="db">The service's context.</param>
    /// <param name="kind">What the table is to the reader of the error ("outbox", "inbox").</param>
    public static MappedTable Of<TEntity>(DbContext db, string kind)
    {
        var entity = db.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{db.GetType().Name} has no {kind} table: call modelBuilder.AddOutboxAndInbox()");
        return new MappedTable(entity, StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()), db.GetService<ISqlGenerationHelper>());
    }

    /// <summary>The delimited column of <paramref name="property"/> (a property name of the entity).</summary>
    public string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);

    /// <summary>A delimited alias, e.g. <c>Value</c>, the column SqlQueryRaw of a scalar reads.</summary>
    public string Delimit(string identifier) => sql.DelimitIdentifier(identifier);
}
