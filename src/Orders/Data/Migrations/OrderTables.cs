using Microsoft.EntityFrameworkCore.Migrations;

namespace Lifecycle.Orders.Data.Migrations;

/// <summary>Orders and order items, with the unique keys that make checkout idempotent and one-per-cart.</summary>
internal static class OrderTables
{
    public static void Create(MigrationBuilder m)
    {
        m.CreateTable(
            name: "orders",
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                contact_id = t.Column<Guid>(nullable: false),
                cart_id = t.Column<Guid>(nullable: false),
                checkout_request_id = t.Column<string>(maxLength: FieldLimits.RequestId, nullable: false),
                status = t.Column<string>(maxLength: 32, nullable: false),
                currency = t.Column<string>(maxLength: 3, nullable: false),
                total_minor = t.Column<long>(nullable: false),
                refunded_minor = t.Column<long>(nullable: false),
                payment_id = t.Column<string>(maxLength: FieldLimits.PaymentId, nullable: true),
                payment_failure_reason = t.Column<string>(maxLength: FieldLimits.Reason, nullable: true),
                cancel_reason = t.Column<string>(maxLength: FieldLimits.Reason, nullable: true),
                version = t.Column<long>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                paid_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_orders", c => c.id));
        m.CreateIndex("IX_orders_cart_id", "orders", "cart_id", unique: true);
        m.CreateIndex("IX_orders_checkout_request_id", "orders", "checkout_request_id", unique: true);
        m.CreateIndex("IX_orders_contact_id_created_at", "orders", ["contact_id", "created_at"]);

        m.CreateTable(
            name: "order_items",
            columns: t => new
            {
                order_id = t.Column<Guid>(nullable: false),
                sku = t.Column<string>(maxLength: FieldLimits.Sku, nullable: false),
                name = t.Column<string>(maxLength: FieldLimits.Name, nullable: false),
                category = t.Column<string>(maxLength: FieldLimits.Category, nullable: false),
                quantity = t.Column<int>(nullable: false),
                unit_price_minor = t.Column<long>(nullable: false),
                refunded_quantity = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_order_items", c => new { c.order_id, c.sku });
                t.ForeignKey("FK_order_items_orders_order_id", c => c.order_id, "orders", "id", onDelete: ReferentialAction.Cascade);
            });
        m.CreateIndex("IX_order_items_sku", "order_items", "sku");
    }
}
