using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Lifecycle.Orders.Data;

/// <summary>
/// Names our own columns in snake_case (UnitPriceMinor → unit_price_minor), the form the hand-written migrations use;
/// the shared outbox/inbox tables keep the names their owner's configuration gives them.
/// </summary>
internal static class SnakeCaseColumns
{
    public static void Apply(ModelBuilder modelBuilder, string ownNamespace)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace?.StartsWith(ownNamespace, StringComparison.Ordinal) == true))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.GetColumnName(table) ?? property.Name));
            }
        }
    }

    public static string ToSnakeCase(string name)
    {
        var snake = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && name[i - 1] != '_' && !char.IsUpper(name[i - 1]))
            {
                snake.Append('_');
            }
            snake.Append(char.ToLowerInvariant(name[i]));
        }
        return snake.ToString();
    }
}
