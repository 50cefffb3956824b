using Microsoft.EntityFrameworkCore.Migrations;

namespace Lifecycle.Orders.Data.Migrations;

/// <summary>The products table.</summary>
internal static class CatalogueTables
{
    public static void Create(MigrationBuilder m)
    {
        m.CreateTable(
            name: "products",
            columns: t => new
            {
                sku = t.Column<string>(maxLength: FieldLimits.Sku, nullable: false),
                name = t.Column<string>(maxLength: FieldLimits.Name, nullable: false),
                category = t.Column<string>(maxLength: FieldLimits.Category, nullable: false),
                price_minor = t.Column<long>(nullable: false),
                currency = t.Column<string>(maxLength: 3, nullable: false),
                active = t.Column<bool>(nullable: false),
                version = t.Column<long>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_products", c => c.sku));
        m.CreateIndex("IX_products_category", "products", "category");
    }
}
