using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Lifecycle.ServiceDefaults.Data;

/// <summary>
/// Names a service's own columns in snake_case (Acquisition_UtmSource → acquisition_utm_source), the form the
/// hand-written migrations use; entities outside <c>ownNamespace</c> (the shared outbox/inbox tables) keep the names
/// their owner's configuration gives them.
/// </summary>
public static class SnakeCaseColumns
{
    public static void Apply(ModelBuilder modelBuilder, string ownNamespace)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace?.StartsWith(ownNamespace, StringComparison.Ordinal) == true))
        {
            foreach (var property in entity.GetProperties())
            {
                var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
                property.SetColumnName(ToSnakeCase(property.GetColumnName(table) ?? property.Name));
            }
        }
    }

    public static string ToSnakeCase(string name)
    {
        var snake = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && name[i - 1] != '_' && !char.IsUpper(name[i - 1]))
            {
                snake.Append('_');
            }
            snake.Append(char.ToLowerInvariant(c));
        }
        return snake.ToString();
    }
}
