using Microsoft.EntityFrameworkCore.Migrations;

namespace Lifecycle.Orders.Data.Migrations;

/// <summary>Carts and cart items.</summary>
internal static class CartTables
{
    public static void Create(MigrationBuilder m)
    {
        m.CreateTable(
            name: "carts",
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                contact_id = t.Column<Guid>(nullable: false),
                open_contact_id = t.Column<Guid>(nullable: true),
                status = t.Column<string>(maxLength: 32, nullable: false),
                currency = t.Column<string>(maxLength: 3, nullable: true),
                version = t.Column<long>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                last_activity_at = t.Column<DateTime>(nullable: false),
                abandoned_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_carts", c => c.id));
        // Unique and nullable: one open cart per contact, any number of checked-out ones (NULLs never collide).
        m.CreateIndex("IX_carts_open_contact_id", "carts", "open_contact_id", unique: true);
        m.CreateIndex("IX_carts_status_abandoned_at_last_activity_at", "carts", ["status", "abandoned_at", "last_activity_at"]);

        m.CreateTable(
            name: "cart_items",
            columns: t => new
            {
                cart_id = t.Column<Guid>(nullable: false),
                sku = t.Column<string>(maxLength: FieldLimits.Sku, nullable: false),
                name = t.Column<string>(maxLength: FieldLimits.Name, nullable: false),
                quantity = t.Column<int>(nullable: false),
                unit_price_minor = t.Column<long>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_cart_items", c => new { c.cart_id, c.sku });
                t.ForeignKey("FK_cart_items_carts_cart_id", c => c.cart_id, "carts", "id", onDelete: ReferentialAction.Cascade);
            });
    }
}
