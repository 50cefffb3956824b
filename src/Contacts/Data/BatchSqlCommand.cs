using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Lifecycle.Contacts.Data;

/// <summary>
/// One raw SQL statement inside a batch save's transaction, for the interceptors that write a batch's rows with
/// multi-row statements. Parameters are bound through the properties' EF type mappings, so a value is stored exactly
/// as EF would store it (value converters such as UTC times, the provider's parameter types).
/// </summary>
internal sealed class BatchSqlCommand : IAsyncDisposable
{
    private readonly DbCommand command;

    public BatchSqlCommand(DbContext db, IDbContextTransaction transaction)
    {
        Sql = db.GetService<ISqlGenerationHelper>();
        command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
    }

    public ISqlGenerationHelper Sql { get; }

    public StringBuilder Text { get; } = new();

    /// <summary>Appends a placeholder for <paramref name="value"/> to the text and binds it as <paramref name="property"/> is stored.</summary>
    public void AppendParameter(string name, IProperty property, object? value)
    {
        Text.Append(Sql.GenerateParameterNamePlaceholder(name));
        command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, Sql.GenerateParameterName(name), value, property.IsNullable));
    }

    /// <summary>Runs the text; the number of rows it changed.</summary>
    public Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        command.CommandText = Text.ToString();
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();
}
